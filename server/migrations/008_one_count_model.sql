-- One count model (issue 12): the rollups every route reads are kept exact inside every transaction that changes
-- incidents, by statement-level triggers, instead of a high-water mark that queries caught up with and an importer
-- tally that only ever added rows. Incidents may now be updated and deleted (corrected council logs, withdrawn
-- resident reports) and every count is exact at every commit. server/src/features/counts/ owns the design.
--
-- - point_month_counts: incidents per map point, period start, category and police.uk place name, one row per key,
--   what every hotspot analysis and month-range map reads (decision 0004's table, now exact and unique);
-- - ward_month_counts: incidents per ward (none: outside every ward or without a point), with or without a point,
--   period start and category: a few thousand rows that summary, wards, top wards and ward reports read instead of
--   scanning incidents;
-- - location_counts: whole-period counts per point and category, with each point's total under category 0, what the
--   default map and whole-period Gi* read (24,906 points at 12× instead of every point × month); kept from the same
--   changes in the same statement. Rows, not decision 0002's array per point: an array merge per point and file cost
--   more than the rest of the counting at import;
-- - count_version: a number bumped by every change to the counts, the data version of the caches.

DROP VIEW live_point_month_counts;
DROP FUNCTION incidents_not_counted_by_month();
DROP FUNCTION incidents_not_counted();
DROP TABLE point_month_counts;
DROP TABLE location_counts;
DROP TABLE location_counts_state;
-- Category ids are looked up before a query and passed as values (counts/count-bounds.ts categoryIds).
DROP FUNCTION category_ids(text[]);

-- Categories found in incidents but not yet named (none from police.uk; the counts must not lose any).
INSERT INTO incident_categories (id, name)
SELECT (SELECT coalesce(max(id), 0) FROM incident_categories) + row_number() OVER (ORDER BY category), category
  FROM (SELECT DISTINCT category FROM incidents) AS found
 WHERE NOT EXISTS (SELECT 1 FROM incident_categories k WHERE k.name = found.category);

CREATE TABLE point_month_counts (
  location_id    integer NOT NULL,
  period_start   timestamptz NOT NULL,
  category_id    smallint NOT NULL,
  location_text  text,
  -- No CHECK (incidents > 0): an upsert's proposed row is checked before its conflict is found, and a change's row
  -- carries a negative delta. Rows reaching 0 are deleted by the statement that takes them there.
  incidents      integer NOT NULL,
  -- Category first, then period: the analyses filter by both, and with the count included they read only this index
  -- (an index-only scan once VACUUM has marked the pages visible) instead of every row's place name.
  CONSTRAINT point_month_counts_key UNIQUE NULLS NOT DISTINCT (category_id, period_start, location_id, location_text) INCLUDE (incidents)
);

CREATE TABLE ward_month_counts (
  ward_code     text,                         -- null: outside every ward, or no point at all
  has_location  boolean NOT NULL,             -- false: police.uk gave the incident no point ("No location")
  period_start  timestamptz NOT NULL,
  category_id   smallint NOT NULL,
  incidents     integer NOT NULL,           -- as in point_month_counts, never 0 after a statement
  CONSTRAINT ward_month_counts_key UNIQUE NULLS NOT DISTINCT (category_id, period_start, ward_code, has_location) INCLUDE (incidents)
);

CREATE TABLE location_counts (
  location_id  integer NOT NULL,
  category_id  smallint NOT NULL,            -- 0: every category, the point's total
  incidents    integer NOT NULL,             -- as in point_month_counts, never 0 after a statement
  CONSTRAINT location_counts_key PRIMARY KEY (category_id, location_id) INCLUDE (incidents)
);

CREATE TABLE count_version (
  single   boolean PRIMARY KEY DEFAULT true CHECK (single),
  version  bigint NOT NULL
);
INSERT INTO count_version (version) VALUES (1);

INSERT INTO point_month_counts (location_id, period_start, category_id, location_text, incidents)
SELECT i.location_id, i.period_start, k.id, i.location_text, count(*)::int
  FROM incidents i
  JOIN incident_categories k ON k.name = i.category
 WHERE i.location_id IS NOT NULL
 GROUP BY i.location_id, i.period_start, k.id, i.location_text
 ORDER BY i.period_start;

INSERT INTO ward_month_counts (ward_code, has_location, period_start, category_id, incidents)
SELECT l.ward_code, i.location_id IS NOT NULL, i.period_start, k.id, count(*)::int
  FROM incidents i
  JOIN incident_categories k ON k.name = i.category
  LEFT JOIN locations l ON l.id = i.location_id
 GROUP BY 1, 2, 3, 4;

INSERT INTO location_counts (location_id, category_id, incidents)
SELECT location_id, coalesce(category_id, 0), sum(incidents)::int
  FROM point_month_counts
 GROUP BY GROUPING SETS ((location_id, category_id), (location_id));

-- Applies the change of one statement on incidents to every rollup: the rows it added count +1, the rows it removed
-- -1 (an UPDATE both), grouped per key first, so a statement costs one upsert per key it touches whatever its rows.
-- Keys are upserted in key order, so that two transactions touching the same keys lock them in the same order.
-- Rows reaching 0 are deleted. Dynamic SQL because a trigger's transition tables are named per trigger: the function
-- serves all three, and only the ones its event has may appear in what it runs.
CREATE FUNCTION count_incident_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changes text;
  touched bigint;
BEGIN
  changes := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT location_id, period_start, category, location_text, 1 AS n FROM added_incidents'
    WHEN 'DELETE' THEN 'SELECT location_id, period_start, category, location_text, -1 AS n FROM removed_incidents'
    ELSE 'SELECT location_id, period_start, category, location_text, 1 AS n FROM added_incidents
          UNION ALL SELECT location_id, period_start, category, location_text, -1 FROM removed_incidents' END;

  -- A category seen for the first time gets the next id.
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO patrolmap.incident_categories (id, name)
    SELECT (SELECT coalesce(max(id), 0) FROM patrolmap.incident_categories) + row_number() OVER (ORDER BY found.category), found.category
      FROM (SELECT DISTINCT category FROM added_incidents) AS found
     WHERE NOT EXISTS (SELECT 1 FROM patrolmap.incident_categories k WHERE k.name = found.category);
  END IF;

  -- One per session, emptied at each commit: the grouped change, read by each rollup's upsert.
  IF to_regclass('pg_temp.incident_count_delta') IS NULL THEN
    CREATE TEMP TABLE incident_count_delta (
      location_id integer, period_start timestamptz, category_id smallint, location_text text, n integer
    ) ON COMMIT DELETE ROWS;
  ELSE
    DELETE FROM pg_temp.incident_count_delta;
  END IF;
  EXECUTE format($sql$
    INSERT INTO pg_temp.incident_count_delta
    SELECT c.location_id, c.period_start, k.id, c.location_text, sum(c.n)::int
      FROM (%s) AS c
      JOIN patrolmap.incident_categories k ON k.name = c.category
     GROUP BY c.location_id, c.period_start, k.id, c.location_text
    HAVING sum(c.n) <> 0
  $sql$, changes);
  GET DIAGNOSTICS touched = ROW_COUNT;
  IF touched = 0 THEN
    RETURN NULL;
  END IF;
  PERFORM patrolmap.apply_count_delta(TG_OP <> 'INSERT');
  RETURN NULL;
END
$$;

-- Adds pg_temp.incident_count_delta (location_id null: no point) to the three rollups and bumps the version.
-- `removes`: some deltas may be negative, so rows reaching 0 are looked for and deleted.
CREATE FUNCTION apply_count_delta(removes boolean) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO patrolmap.point_month_counts AS p (location_id, period_start, category_id, location_text, incidents)
  SELECT d.location_id, d.period_start, d.category_id, d.location_text, d.n
    FROM pg_temp.incident_count_delta d
   WHERE d.location_id IS NOT NULL
   ORDER BY d.category_id, d.period_start, d.location_id, d.location_text
  ON CONFLICT ON CONSTRAINT point_month_counts_key DO UPDATE SET incidents = p.incidents + EXCLUDED.incidents;

  INSERT INTO patrolmap.ward_month_counts AS w (ward_code, has_location, period_start, category_id, incidents)
  SELECT l.ward_code, d.location_id IS NOT NULL, d.period_start, d.category_id, sum(d.n)::int
    FROM pg_temp.incident_count_delta d
    LEFT JOIN patrolmap.locations l ON l.id = d.location_id
   GROUP BY 1, 2, 3, 4
  HAVING sum(d.n) <> 0
   ORDER BY 4, 3, 1, 2
  ON CONFLICT ON CONSTRAINT ward_month_counts_key DO UPDATE SET incidents = w.incidents + EXCLUDED.incidents;

  INSERT INTO patrolmap.location_counts AS c (location_id, category_id, incidents)
  SELECT d.location_id, coalesce(d.category_id, 0), sum(d.n)::int
    FROM pg_temp.incident_count_delta d
   WHERE d.location_id IS NOT NULL
   GROUP BY GROUPING SETS ((d.category_id, d.location_id), (d.location_id))
  HAVING sum(d.n) <> 0
   ORDER BY 2, 1
  ON CONFLICT ON CONSTRAINT location_counts_key DO UPDATE SET incidents = c.incidents + EXCLUDED.incidents;

  IF removes THEN
    DELETE FROM patrolmap.point_month_counts p
     USING pg_temp.incident_count_delta d
     WHERE d.n < 0 AND p.incidents = 0
       AND p.location_id = d.location_id AND p.period_start = d.period_start AND p.category_id = d.category_id
       AND p.location_text IS NOT DISTINCT FROM d.location_text;
    DELETE FROM patrolmap.ward_month_counts WHERE incidents = 0;
    DELETE FROM patrolmap.location_counts c
     USING (SELECT DISTINCT location_id FROM pg_temp.incident_count_delta WHERE n < 0) AS d
     WHERE c.location_id = d.location_id AND c.incidents = 0;
  END IF;

  UPDATE patrolmap.count_version SET version = version + 1 WHERE single;
END
$$;

CREATE TRIGGER incidents_counted_on_insert AFTER INSERT ON incidents
  REFERENCING NEW TABLE AS added_incidents FOR EACH STATEMENT EXECUTE FUNCTION count_incident_changes();
CREATE TRIGGER incidents_counted_on_update AFTER UPDATE ON incidents
  REFERENCING OLD TABLE AS removed_incidents NEW TABLE AS added_incidents FOR EACH STATEMENT EXECUTE FUNCTION count_incident_changes();
CREATE TRIGGER incidents_counted_on_delete AFTER DELETE ON incidents
  REFERENCING OLD TABLE AS removed_incidents FOR EACH STATEMENT EXECUTE FUNCTION count_incident_changes();

-- A map point placed in another ward (new boundaries) takes its counts with it: its point counts, moved in the ward
-- rollup from the old ward to the new. Points are only ever added or re-placed; their incidents stay theirs.
CREATE FUNCTION count_location_moves() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  touched bigint;
BEGIN
  INSERT INTO patrolmap.ward_month_counts AS w (ward_code, has_location, period_start, category_id, incidents)
  SELECT moves.ward_code, true, p.period_start, p.category_id, sum(moves.sign * p.incidents)::int
    FROM (SELECT o.id, o.ward_code AS old_ward, n.ward_code AS new_ward
            FROM removed_locations o JOIN added_locations n ON n.id = o.id
           WHERE o.ward_code IS DISTINCT FROM n.ward_code) AS moved
   CROSS JOIN LATERAL (VALUES (moved.old_ward, -1), (moved.new_ward, 1)) AS moves (ward_code, sign)
    JOIN patrolmap.point_month_counts p ON p.location_id = moved.id
   GROUP BY 1, 3, 4
  HAVING sum(moves.sign * p.incidents) <> 0
   ORDER BY 4, 3, 1
  ON CONFLICT ON CONSTRAINT ward_month_counts_key DO UPDATE SET incidents = w.incidents + EXCLUDED.incidents;
  GET DIAGNOSTICS touched = ROW_COUNT;
  IF touched > 0 THEN
    DELETE FROM patrolmap.ward_month_counts WHERE incidents = 0;
    UPDATE patrolmap.count_version SET version = version + 1 WHERE single;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER locations_counted_on_update AFTER UPDATE ON locations
  REFERENCING OLD TABLE AS removed_locations NEW TABLE AS added_locations FOR EACH STATEMENT EXECUTE FUNCTION count_location_moves();

ANALYZE point_month_counts, ward_month_counts, location_counts;
