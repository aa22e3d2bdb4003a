-- Opens an import transaction (run as one simple query: five statements, one round trip). One import at a time,
-- across sessions: the importer keeps incident keys unique by looking before it writes. JIT compilation and parallel workers are off: tables grow
-- faster than their statistics during an import, misestimates push plan costs past both thresholds, and compiling or
-- starting workers then takes longer than the statement. Statements may run up to 10 minutes, not the requests' 15 s:
-- one statement writes a whole file's rows and counts them (a million-row log's INSERT took over 15 s on a loaded
-- machine once the day and hour rollups were added); uploads are bounded by size, and the import holds one connection.
BEGIN;
SET LOCAL statement_timeout = '10min';
SET LOCAL jit = off;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT pg_advisory_xact_lock(hashtext('patrolmap.import'));
