-- Two more rollups, for the questions timed logs answer (issue 15): demand by weekday × hour, and incidents per day
-- (weekly trends, how many rows an analysis left out, a source's span). The demand grid read incidents, converting
-- every row's instant to London time: 2.2 s of SQL on 1 million rows, against a target of 100 ms for the route.
--
-- Both are keyed by source, London month (as point_month_counts: the period filter's bounds are month starts),
-- ward (the map point's, as ward_month_counts: null when unplaced or outside every ward) and category, and kept by
-- the same statement-level trigger as the other rollups, with signed appended rows (migration 009): an update or a
-- deletion (a corrected log, a resident report withdrawn) appends its -1s, so counts are exact at every commit.
--   day_counts:  + precision and London day (null for a month-only row: police.uk's), every incident.
--   hour_counts: + London weekday (Monday 0) and hour, rows known to the minute only.
-- Each key is kept per ward and, with every_ward true (and ward_code null), for all wards and no ward together: most
-- questions have no ward, and adding up the wards' rows cost 74 ms for a million timed rows in 16 wards (208,000 hour
-- keys), against a grid target of 100 ms for the whole route.
CREATE TABLE day_counts (
  source        text NOT NULL,
  period_start  timestamptz NOT NULL,
  every_ward    boolean NOT NULL,
  ward_code     text,
  category_id   smallint NOT NULL,
  precision     text NOT NULL,
  day           date,
  incidents     integer NOT NULL
);
CREATE INDEX day_counts_key ON day_counts (every_ward, source, period_start, ward_code, category_id, precision, day) INCLUDE (incidents);

CREATE TABLE hour_counts (
  source        text NOT NULL,
  period_start  timestamptz NOT NULL,
  every_ward    boolean NOT NULL,
  ward_code     text,
  category_id   smallint NOT NULL,
  weekday       smallint NOT NULL,
  hour          smallint NOT NULL,
  incidents     integer NOT NULL
);
CREATE INDEX hour_counts_key ON hour_counts (every_ward, source, period_start, ward_code, category_id, weekday, hour) INCLUDE (incidents);

-- Migration 016's function with the two new rollups. The change is grouped per point and month (delta) as before,
-- then per ward (by_ward), from which the ward rollup and the day rollup's month-only rows come; the timed rows are
-- read from the change again, placed in their wards row by row and grouped per day and per weekday × hour, with London
-- time computed only for them. Measured on one statement (EXPLAIN ANALYZE, rolled back): the 269,438 police.uk rows
-- 3.4 s before these rollups, 3.8 s with them (4.2 s when every row went through the timed path's CTE first);
-- a million timed rows 7.6 s (1.7 s before; 12 s when they were grouped by day and hour before anything else).
CREATE OR REPLACE FUNCTION count_incident_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changes text;
  columns constant text := 'location_id, period_start, period_precision, category, location_text, source';
BEGIN
  changes := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %s, 1 AS n FROM added_incidents', columns)
    WHEN 'DELETE' THEN format('SELECT %s, -1 AS n FROM removed_incidents', columns)
    ELSE format('SELECT %1$s, 1 AS n FROM added_incidents UNION ALL SELECT %1$s, -1 FROM removed_incidents', columns) END;

  -- A category seen for the first time gets the next id (its own statement: the counting one must see it).
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO patrolmap.incident_categories (id, name)
    SELECT (SELECT coalesce(max(id), 0) FROM patrolmap.incident_categories) + row_number() OVER (ORDER BY found.category), found.category
      FROM (SELECT DISTINCT category FROM added_incidents) AS found
     WHERE NOT EXISTS (SELECT 1 FROM patrolmap.incident_categories k WHERE k.name = found.category);
  END IF;

  EXECUTE format($sql$
    WITH delta AS MATERIALIZED (
      SELECT c.location_id, c.location_text, c.source, c.period_precision, k.id AS category_id,
             CASE WHEN c.period_precision = 'month' THEN c.period_start ELSE date_trunc('month', c.period_start, 'Europe/London') END AS period_start,
             sum(c.n)::int AS n
        FROM (%1$s) AS c
        JOIN patrolmap.incident_categories k ON k.name = c.category
       GROUP BY 1, 2, 3, 4, 5, 6
      HAVING sum(c.n) <> 0
    ), by_ward AS MATERIALIZED (
      SELECT d.source, l.ward_code, d.location_id IS NOT NULL AS has_location, d.period_precision, d.period_start, d.category_id, sum(d.n)::int AS n
        FROM delta d LEFT JOIN patrolmap.locations l ON l.id = d.location_id
       GROUP BY 1, 2, 3, 4, 5, 6
      HAVING sum(d.n) <> 0
    ), timed AS MATERIALIZED (
      SELECT c.source, date_trunc('month', c.period_start, 'Europe/London') AS period_start, l.ward_code, k.id AS category_id,
             c.period_precision, c.period_start AT TIME ZONE 'Europe/London' AS local_at, c.n
        FROM (%1$s) AS c
        JOIN patrolmap.incident_categories k ON k.name = c.category
        LEFT JOIN patrolmap.locations l ON l.id = c.location_id
       WHERE c.period_precision <> 'month'
    ), points AS (
      INSERT INTO patrolmap.point_month_counts (location_id, period_start, category_id, location_text, incidents)
      SELECT d.location_id, d.period_start, d.category_id, d.location_text, sum(d.n)::int
        FROM delta d WHERE d.location_id IS NOT NULL GROUP BY 1, 2, 3, 4 HAVING sum(d.n) <> 0
    ), wards AS (
      INSERT INTO patrolmap.ward_month_counts (ward_code, has_location, period_start, category_id, incidents)
      SELECT w.ward_code, w.has_location, w.period_start, w.category_id, sum(w.n)::int
        FROM by_ward w GROUP BY 1, 2, 3, 4 HAVING sum(w.n) <> 0
    ), places AS (
      INSERT INTO patrolmap.location_counts (location_id, category_id, incidents)
      SELECT d.location_id, coalesce(d.category_id, 0), sum(d.n)::int
        FROM delta d WHERE d.location_id IS NOT NULL
       GROUP BY GROUPING SETS ((d.category_id, d.location_id), (d.location_id)) HAVING sum(d.n) <> 0
    ), days AS (
      INSERT INTO patrolmap.day_counts (source, period_start, every_ward, ward_code, category_id, precision, day, incidents)
      SELECT u.source, u.period_start, grouping(u.ward_code) = 1, u.ward_code, u.category_id, u.precision, u.day, sum(u.n)::int
        FROM (SELECT w.source, w.period_start, w.ward_code, w.category_id, w.period_precision AS precision, NULL::date AS day, w.n
                FROM by_ward w WHERE w.period_precision = 'month'
              UNION ALL
              SELECT t.source, t.period_start, t.ward_code, t.category_id, t.period_precision, t.local_at::date, t.n
                FROM timed t) AS u
       GROUP BY GROUPING SETS ((u.source, u.period_start, u.ward_code, u.category_id, u.precision, u.day), (u.source, u.period_start, u.category_id, u.precision, u.day))
      HAVING sum(u.n) <> 0
    ), hours AS (
      INSERT INTO patrolmap.hour_counts (source, period_start, every_ward, ward_code, category_id, weekday, hour, incidents)
      SELECT u.source, u.period_start, grouping(u.ward_code) = 1, u.ward_code, u.category_id, u.weekday, u.hour, sum(u.n)::int
        FROM (SELECT t.source, t.period_start, t.ward_code, t.category_id, t.n,
                     extract(isodow FROM t.local_at)::smallint - 1::smallint AS weekday, extract(hour FROM t.local_at)::smallint AS hour
                FROM timed t WHERE t.period_precision = 'minute') AS u
       GROUP BY GROUPING SETS ((u.source, u.period_start, u.ward_code, u.category_id, u.weekday, u.hour), (u.source, u.period_start, u.category_id, u.weekday, u.hour))
      HAVING sum(u.n) <> 0
    )
    UPDATE patrolmap.count_version SET version = version + 1 WHERE single AND EXISTS (SELECT FROM delta)
  $sql$, changes);
  RETURN NULL;
END
$$;

-- A map point placed in another ward (new boundaries) takes its counts with it, in every rollup keyed by ward: the
-- ward rollup from its point counts (as before), the day and hour rollups from its incidents (they are not kept per
-- point; their every-ward rows stay as they are). Boundaries change rarely; reading the moved points' incidents is the
-- simple, exact way.
CREATE OR REPLACE FUNCTION count_location_moves() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  touched bigint;
BEGIN
  WITH moves AS MATERIALIZED (
    SELECT o.id, m.ward_code, m.sign
      FROM removed_locations o JOIN added_locations n ON n.id = o.id
     CROSS JOIN LATERAL (VALUES (o.ward_code, -1), (n.ward_code, 1)) AS m (ward_code, sign)
     WHERE o.ward_code IS DISTINCT FROM n.ward_code
  ), wards AS (
    INSERT INTO patrolmap.ward_month_counts (ward_code, has_location, period_start, category_id, incidents)
    SELECT m.ward_code, true, p.period_start, p.category_id, sum(m.sign * p.incidents)::int
      FROM moves m
      JOIN patrolmap.point_month_counts p ON p.location_id = m.id
     GROUP BY 1, 3, 4
    HAVING sum(m.sign * p.incidents) <> 0
  ), moved AS MATERIALIZED (
    SELECT i.source, i.period_precision,
           CASE WHEN i.period_precision = 'month' THEN i.period_start ELSE date_trunc('month', i.period_start, 'Europe/London') END AS period_start,
           k.id AS category_id, m.ward_code, m.sign,
           CASE WHEN i.period_precision = 'month' THEN NULL ELSE i.period_start AT TIME ZONE 'Europe/London' END AS local_at
      FROM moves m
      JOIN patrolmap.incidents i ON i.location_id = m.id
      JOIN patrolmap.incident_categories k ON k.name = i.category
  ), days AS (
    INSERT INTO patrolmap.day_counts (source, period_start, every_ward, ward_code, category_id, precision, day, incidents)
    SELECT source, period_start, false, ward_code, category_id, period_precision, local_at::date, sum(sign)::int
      FROM moved
     GROUP BY 1, 2, 4, 5, 6, 7
    HAVING sum(sign) <> 0
  ), hours AS (
    INSERT INTO patrolmap.hour_counts (source, period_start, every_ward, ward_code, category_id, weekday, hour, incidents)
    SELECT source, period_start, false, ward_code, category_id, extract(isodow FROM local_at)::smallint - 1::smallint, extract(hour FROM local_at)::smallint, sum(sign)::int
      FROM moved
     WHERE period_precision = 'minute'
     GROUP BY 1, 2, 4, 5, 6, 7
    HAVING sum(sign) <> 0
  )
  SELECT count(*) INTO touched FROM moves;
  IF touched > 0 THEN
    UPDATE patrolmap.count_version SET version = version + 1 WHERE single;
  END IF;
  RETURN NULL;
END
$$;

-- The incidents already stored, counted once.
INSERT INTO day_counts (source, period_start, every_ward, ward_code, category_id, precision, day, incidents)
SELECT source, period_start, grouping(ward_code) = 1, ward_code, category_id, precision, day, count(*)::int
  FROM (SELECT i.source, CASE WHEN i.period_precision = 'month' THEN i.period_start ELSE date_trunc('month', i.period_start, 'Europe/London') END AS period_start,
               l.ward_code, k.id AS category_id, i.period_precision AS precision,
               CASE WHEN i.period_precision = 'month' THEN NULL ELSE (i.period_start AT TIME ZONE 'Europe/London')::date END AS day
          FROM incidents i
          JOIN incident_categories k ON k.name = i.category
          LEFT JOIN locations l ON l.id = i.location_id) AS i
 GROUP BY GROUPING SETS ((source, period_start, ward_code, category_id, precision, day), (source, period_start, category_id, precision, day));

INSERT INTO hour_counts (source, period_start, every_ward, ward_code, category_id, weekday, hour, incidents)
SELECT source, period_start, grouping(ward_code) = 1, ward_code, category_id, weekday, hour, count(*)::int
  FROM (SELECT i.source, date_trunc('month', i.period_start, 'Europe/London') AS period_start, l.ward_code, k.id AS category_id,
               extract(isodow FROM i.period_start AT TIME ZONE 'Europe/London')::smallint - 1::smallint AS weekday,
               extract(hour FROM i.period_start AT TIME ZONE 'Europe/London')::smallint AS hour
          FROM incidents i
          JOIN incident_categories k ON k.name = i.category
          LEFT JOIN locations l ON l.id = i.location_id
         WHERE i.period_precision = 'minute') AS i
 GROUP BY GROUPING SETS ((source, period_start, ward_code, category_id, weekday, hour), (source, period_start, category_id, weekday, hour));

ANALYZE day_counts, hour_counts;
