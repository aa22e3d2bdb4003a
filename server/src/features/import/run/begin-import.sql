-- Opens an import transaction (run as one simple query: four statements, one round trip). One import at a time,
-- across sessions: the importer keeps incident keys unique by looking before it writes. JIT compilation and parallel workers are off: tables grow
-- faster than their statistics during an import, misestimates push plan costs past both thresholds, and compiling or
-- starting workers then takes longer than the statement.
BEGIN;
SET LOCAL jit = off;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT pg_advisory_xact_lock(hashtext('patrolmap.import'));
