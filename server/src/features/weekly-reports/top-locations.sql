-- Ward $1's places (police.uk's "On or near …" text; a timed log's location text) with their incidents in the report's
-- period [$2, $3) and the period before [$4, $2) (UK days), and the mean of their map points (each point as often as
-- it has incidents). $5 as in period-counts.sql: 'month' reads point_month_counts, 'week' the incidents dated to the
-- day or minute. Rows without a place name are left out: there is nothing to call them.
WITH bounds AS (
  SELECT $4::date::timestamp AT TIME ZONE 'Europe/London' AS before_at, $2::date::timestamp AT TIME ZONE 'Europe/London' AS start_at,
         $3::date::timestamp AT TIME ZONE 'Europe/London' AS end_at
),
counted AS (
  SELECT c.location_text, l.lon, l.lat, c.period_start >= b.start_at AS current, c.incidents
    FROM bounds b
    JOIN locations l ON l.ward_code = $1
    JOIN point_month_counts c ON c.location_id = l.id AND c.period_start >= b.before_at AND c.period_start < b.end_at
   WHERE $5 = 'month'
  UNION ALL
  SELECT i.location_text, l.lon, l.lat, i.period_start >= b.start_at, 1
    FROM bounds b
    JOIN locations l ON l.ward_code = $1
    JOIN incidents i ON i.location_id = l.id AND i.period_start >= b.before_at AND i.period_start < b.end_at
   WHERE $5 = 'week'
     AND i.period_precision <> 'month'
)
SELECT location_text AS name,
       coalesce(sum(incidents) FILTER (WHERE current), 0)::int AS count,
       coalesce(sum(incidents) FILTER (WHERE NOT current), 0)::int AS previous,
       round((sum(lon::numeric * incidents) FILTER (WHERE current) / nullif(sum(incidents) FILTER (WHERE current), 0)), 5)::float8 AS lon,
       round((sum(lat::numeric * incidents) FILTER (WHERE current) / nullif(sum(incidents) FILTER (WHERE current), 0)), 5)::float8 AS lat
  FROM counted
 WHERE location_text IS NOT NULL AND location_text <> ''
 GROUP BY location_text
HAVING sum(incidents) <> 0
