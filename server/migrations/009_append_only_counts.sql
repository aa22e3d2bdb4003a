-- Append-only rollups (issue 12, decision 0007): a change to incidents now appends its signed deltas to the three
-- rollups with plain INSERTs, and readers add the rows of a key up (every one of them already grouped). Upserting one
-- row per key cost the import 2.1 s of PostgreSQL time on the 269,438 demo rows (35 files; 1.2 s of it rewriting
-- location_counts' row for nearly every point in every month's file, its key index included), against 1.0 s for
-- everything else the import does: the import ran 87% slower than before the count model. Appending costs an index
-- insertion per key and nothing else. counts/compact-counts.sql folds a key's rows back into one (and drops keys that
-- add up to 0) after each import run, so the tables stay the size the old design kept them at.
--
-- A key may now hold several rows, and a key whose rows add up to 0 may stay until compaction: every reader groups
-- and leaves out groups that add up to 0.

ALTER TABLE point_month_counts DROP CONSTRAINT point_month_counts_key;
CREATE INDEX point_month_counts_key ON point_month_counts (category_id, period_start, location_id, location_text) INCLUDE (incidents);
ALTER TABLE ward_month_counts DROP CONSTRAINT ward_month_counts_key;
CREATE INDEX ward_month_counts_key ON ward_month_counts (category_id, period_start, ward_code, has_location) INCLUDE (incidents);
-- location_counts by category alone: readers take one category's rows (the whole-period map, category 0) and every
-- point is in them. Keyed by point too, each file's rows landed all over the index (every point has incidents in
-- most months): 0.4 s more of the import than appending at the end of 15 categories' ranges.
ALTER TABLE location_counts DROP CONSTRAINT location_counts_key;
CREATE INDEX location_counts_category ON location_counts (category_id);

DROP FUNCTION apply_count_delta(boolean);

-- Appends the change of one statement on incidents to every rollup: the rows it added count +1, the rows it removed
-- -1 (an UPDATE both), grouped per key first, so a statement appends one row per key it touches whatever its rows.
-- One statement: the grouped change is read by the three INSERTs of its CTEs. Dynamic SQL because a trigger's
-- transition tables are named per trigger: the function serves all three, and only the ones its event has may appear.
CREATE OR REPLACE FUNCTION count_incident_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changes text;
BEGIN
  changes := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT location_id, period_start, category, location_text, 1 AS n FROM added_incidents'
    WHEN 'DELETE' THEN 'SELECT location_id, period_start, category, location_text, -1 AS n FROM removed_incidents'
    ELSE 'SELECT location_id, period_start, category, location_text, 1 AS n FROM added_incidents
          UNION ALL SELECT location_id, period_start, category, location_text, -1 FROM removed_incidents' END;

  -- A category seen for the first time gets the next id (its own statement: the counting one must see it).
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO patrolmap.incident_categories (id, name)
    SELECT (SELECT coalesce(max(id), 0) FROM patrolmap.incident_categories) + row_number() OVER (ORDER BY found.category), found.category
      FROM (SELECT DISTINCT category FROM added_incidents) AS found
     WHERE NOT EXISTS (SELECT 1 FROM patrolmap.incident_categories k WHERE k.name = found.category);
  END IF;

  EXECUTE format($sql$
    WITH delta AS MATERIALIZED (
      SELECT c.location_id, c.period_start, k.id AS category_id, c.location_text, sum(c.n)::int AS n
        FROM (%s) AS c
        JOIN patrolmap.incident_categories k ON k.name = c.category
       GROUP BY c.location_id, c.period_start, k.id, c.location_text
      HAVING sum(c.n) <> 0
    ), points AS (
      INSERT INTO patrolmap.point_month_counts (location_id, period_start, category_id, location_text, incidents)
      SELECT d.location_id, d.period_start, d.category_id, d.location_text, d.n
        FROM delta d
       WHERE d.location_id IS NOT NULL
    ), wards AS (
      INSERT INTO patrolmap.ward_month_counts (ward_code, has_location, period_start, category_id, incidents)
      SELECT l.ward_code, d.location_id IS NOT NULL, d.period_start, d.category_id, sum(d.n)::int
        FROM delta d
        LEFT JOIN patrolmap.locations l ON l.id = d.location_id
       GROUP BY 1, 2, 3, 4
      HAVING sum(d.n) <> 0
    ), places AS (
      INSERT INTO patrolmap.location_counts (location_id, category_id, incidents)
      SELECT d.location_id, coalesce(d.category_id, 0), sum(d.n)::int
        FROM delta d
       WHERE d.location_id IS NOT NULL
       GROUP BY GROUPING SETS ((d.category_id, d.location_id), (d.location_id))
      HAVING sum(d.n) <> 0
    )
    UPDATE patrolmap.count_version SET version = version + 1 WHERE single AND EXISTS (SELECT FROM delta)
  $sql$, changes);
  RETURN NULL;
END
$$;

-- A map point placed in another ward (new boundaries) takes its counts with it: its point counts, moved in the ward
-- rollup from the old ward to the new, appended as a -1 and a +1 row per ward, month and category.
CREATE OR REPLACE FUNCTION count_location_moves() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  touched bigint;
BEGIN
  INSERT INTO patrolmap.ward_month_counts (ward_code, has_location, period_start, category_id, incidents)
  SELECT moves.ward_code, true, p.period_start, p.category_id, sum(moves.sign * p.incidents)::int
    FROM (SELECT o.id, o.ward_code AS old_ward, n.ward_code AS new_ward
            FROM removed_locations o JOIN added_locations n ON n.id = o.id
           WHERE o.ward_code IS DISTINCT FROM n.ward_code) AS moved
   CROSS JOIN LATERAL (VALUES (moved.old_ward, -1), (moved.new_ward, 1)) AS moves (ward_code, sign)
    JOIN patrolmap.point_month_counts p ON p.location_id = moved.id
   GROUP BY 1, 3, 4
  HAVING sum(moves.sign * p.incidents) <> 0;
  GET DIAGNOSTICS touched = ROW_COUNT;
  IF touched > 0 THEN
    UPDATE patrolmap.count_version SET version = version + 1 WHERE single;
  END IF;
  RETURN NULL;
END
$$;
