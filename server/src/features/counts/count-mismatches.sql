-- Each rollup against plain GROUP BYs over incidents ⋈ locations: the keys that differ either way (EXCEPT both ways
-- treats a missing place or ward as equal to another missing one). A rollup's rows are added up per key first (changes
-- append rows, migration 009); keys adding up to 0 are left out, as compaction drops them. Timed rows (minute or day
-- precision) count under their London month's start (migration 016); the day and hour rollups (migration 021) by London
-- day, weekday and hour, per ward and for every ward.
WITH point_expected AS (
  SELECT i.location_id, CASE WHEN i.period_precision = 'month' THEN i.period_start ELSE date_trunc('month', i.period_start, 'Europe/London') END AS period_start, k.id AS category_id, i.location_text, count(*)::int AS incidents
    FROM incidents i JOIN incident_categories k ON k.name = i.category
   WHERE i.location_id IS NOT NULL
   GROUP BY 1, 2, 3, 4
), point_counted AS (
  SELECT location_id, period_start, category_id, location_text, sum(incidents)::int FROM point_month_counts GROUP BY 1, 2, 3, 4 HAVING sum(incidents) <> 0
), ward_expected AS (
  SELECT l.ward_code, i.location_id IS NOT NULL AS has_location, CASE WHEN i.period_precision = 'month' THEN i.period_start ELSE date_trunc('month', i.period_start, 'Europe/London') END AS period_start, k.id AS category_id, count(*)::int AS incidents
    FROM incidents i JOIN incident_categories k ON k.name = i.category
    LEFT JOIN locations l ON l.id = i.location_id
   GROUP BY 1, 2, 3, 4
), ward_counted AS (
  SELECT ward_code, has_location, period_start, category_id, sum(incidents)::int FROM ward_month_counts GROUP BY 1, 2, 3, 4 HAVING sum(incidents) <> 0
), day_expected AS (
  SELECT source, period_start, grouping(ward_code) = 1 AS every_ward, ward_code, category_id, precision, day, count(*)::int AS incidents
    FROM (SELECT i.source, CASE WHEN i.period_precision = 'month' THEN i.period_start ELSE date_trunc('month', i.period_start, 'Europe/London') END AS period_start,
                 l.ward_code, k.id AS category_id, i.period_precision AS precision,
                 CASE WHEN i.period_precision = 'month' THEN NULL ELSE (i.period_start AT TIME ZONE 'Europe/London')::date END AS day
            FROM incidents i JOIN incident_categories k ON k.name = i.category
            LEFT JOIN locations l ON l.id = i.location_id) AS i
   GROUP BY GROUPING SETS ((source, period_start, ward_code, category_id, precision, day), (source, period_start, category_id, precision, day))
), day_counted AS (
  SELECT source, period_start, every_ward, ward_code, category_id, precision, day, sum(incidents)::int FROM day_counts GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(incidents) <> 0
), hour_expected AS (
  SELECT source, period_start, grouping(ward_code) = 1 AS every_ward, ward_code, category_id, weekday, hour, count(*)::int AS incidents
    FROM (SELECT i.source, date_trunc('month', i.period_start, 'Europe/London') AS period_start, l.ward_code, k.id AS category_id,
                 extract(isodow FROM i.period_start AT TIME ZONE 'Europe/London')::smallint - 1::smallint AS weekday,
                 extract(hour FROM i.period_start AT TIME ZONE 'Europe/London')::smallint AS hour
            FROM incidents i JOIN incident_categories k ON k.name = i.category
            LEFT JOIN locations l ON l.id = i.location_id
           WHERE i.period_precision = 'minute') AS i
   GROUP BY GROUPING SETS ((source, period_start, ward_code, category_id, weekday, hour), (source, period_start, category_id, weekday, hour))
), hour_counted AS (
  SELECT source, period_start, every_ward, ward_code, category_id, weekday, hour, sum(incidents)::int FROM hour_counts GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(incidents) <> 0
), location_expected AS (
  SELECT i.location_id, coalesce(k.id, 0) AS category_id, count(*)::int AS incidents
    FROM incidents i JOIN incident_categories k ON k.name = i.category
   WHERE i.location_id IS NOT NULL
   GROUP BY GROUPING SETS ((i.location_id, k.id), (i.location_id))
), location_counted AS (
  SELECT location_id, category_id, sum(incidents)::int FROM location_counts GROUP BY 1, 2 HAVING sum(incidents) <> 0
)
SELECT (SELECT count(*) FROM ((TABLE point_expected EXCEPT ALL TABLE point_counted) UNION ALL (TABLE point_counted EXCEPT ALL TABLE point_expected)) AS d)::int AS point_month,
       (SELECT count(*) FROM ((TABLE ward_expected EXCEPT ALL TABLE ward_counted) UNION ALL (TABLE ward_counted EXCEPT ALL TABLE ward_expected)) AS d)::int AS ward_month,
       (SELECT count(*) FROM ((TABLE day_expected EXCEPT ALL TABLE day_counted) UNION ALL (TABLE day_counted EXCEPT ALL TABLE day_expected)) AS d)::int AS day,
       (SELECT count(*) FROM ((TABLE hour_expected EXCEPT ALL TABLE hour_counted) UNION ALL (TABLE hour_counted EXCEPT ALL TABLE hour_expected)) AS d)::int AS hour,
       (SELECT count(*) FROM ((TABLE location_expected EXCEPT ALL TABLE location_counted) UNION ALL (TABLE location_counted EXCEPT ALL TABLE location_expected)) AS d)::int AS location
