-- Opens an import transaction (run as one simple query: five statements, one round trip). One import at a time,
-- across sessions: the importer keeps incident keys unique by looking before it writes. JIT compilation and parallel workers are off: tables grow
-- faster than their statistics during an import, misestimates push plan costs past both thresholds, and compiling or
-- starting workers then takes longer than the statement. The last statement tells a police import whether wards
-- changed since it cached points' wards: it changes whenever a ward file lands.
BEGIN;
SET LOCAL jit = off;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT pg_advisory_xact_lock(hashtext('patrolmap.import'));
SELECT coalesce(max(id), 0) AS wards_version FROM import_batches WHERE kind = 'ward-geojson' AND status = 'committed';
