-- Incidents per map point, month, category and police.uk place name: what every hotspot analysis aggregates (issue 4's
-- ≤ 300 ms target). 269,438 Cleveland incidents make 180,243 such rows, a fifth of the bytes (a row of incidents
-- carries keys, crime IDs and outcomes that no analysis reads), and the harm weight is found by category id in an array
-- instead of a join on the category's name. Why and what it measured: docs/decisions/0004-point-month-counts.md.
--
-- It counts the incidents with id <= location_counts_state.counted_through, the mark location_counts keeps: the
-- importer adds a run's incidents to both tables in one transaction under the import lock, and live_point_month_counts
-- adds the incidents newer than the mark, so queries stay exact between a file's commit and the end of its run.
-- Rows are only ever added: a key may appear in several rows (one per import run that brought incidents for it), and
-- queries add them up, so a run never has to look up or update the rows of earlier ones.
CREATE TABLE point_month_counts (
  location_id    integer NOT NULL,
  period_start   timestamptz NOT NULL,
  category_id    smallint NOT NULL,
  location_text  text,
  incidents      integer NOT NULL CHECK (incidents > 0)
);

INSERT INTO point_month_counts (location_id, period_start, category_id, location_text, incidents)
SELECT i.location_id, i.period_start, k.id, i.location_text, count(*)::int
  FROM incidents i
  JOIN incident_categories k ON k.name = i.category
 WHERE i.id <= (SELECT counted_through FROM location_counts_state WHERE single)
 GROUP BY i.location_id, i.period_start, k.id, i.location_text
 ORDER BY i.period_start;

-- Incidents newer than the mark, with what point_month_counts keeps of them. A function for the same reason as
-- incidents_not_counted(): its plan must not depend on a guess at how many incidents are newer than an unknown mark.
-- A category seen for the first time has no id until the end of its import run (refresh-location-counts.sql gives it
-- one), so until then its incidents count under every category (no filter) but not under a filter by name.
CREATE FUNCTION incidents_not_counted_by_month()
RETURNS TABLE (location_id integer, period_start timestamptz, category_id smallint, location_text text)
LANGUAGE sql STABLE SET enable_seqscan = off SET max_parallel_workers_per_gather = 0 SET jit = off AS $$
  SELECT i.location_id, i.period_start, (SELECT k.id FROM patrolmap.incident_categories k WHERE k.name = i.category), i.location_text
    FROM patrolmap.incidents i
   WHERE i.id > (SELECT s.counted_through FROM patrolmap.location_counts_state s WHERE s.single)
$$;

-- Every incident, counted: the table plus the incidents not yet in it. What the analyses read instead of incidents.
CREATE VIEW live_point_month_counts AS
SELECT location_id, period_start, category_id, location_text, incidents FROM point_month_counts
UNION ALL
SELECT location_id, period_start, category_id, location_text, 1 FROM incidents_not_counted_by_month();

-- Each category's harm weight at the index of its id (0 for a category without a weight), so that a query weights a
-- row by subscript rather than by a join.
CREATE FUNCTION harm_weight_array() RETURNS float8[]
LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(coalesce(hw.weight, 0)::float8 ORDER BY ids.id), '{}')
    FROM generate_series(1, (SELECT coalesce(max(k.id), 0) FROM patrolmap.incident_categories k)) AS ids (id)
    LEFT JOIN patrolmap.incident_categories k ON k.id = ids.id
    LEFT JOIN patrolmap.harm_weights hw ON hw.category = k.name
$$;

-- The ids of the categories named (null: null, meaning every category), for filters on category_id.
CREATE FUNCTION category_ids(names text[]) RETURNS smallint[]
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN names IS NULL THEN NULL
              ELSE (SELECT coalesce(array_agg(k.id), '{}') FROM patrolmap.incident_categories k WHERE k.name = ANY (names)) END
$$;

-- Statistics now: the analyses' plans depend on how many rows a period holds, and the embedded database has no autovacuum.
ANALYZE point_month_counts;
