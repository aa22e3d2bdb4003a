-- Ward $1's places (police.uk's "On or near …" text; a timed log's location text) with their incidents in the report's
-- period [$2, $3) and the period before [$4, $2) (UK days), and the mean of their map points; $5 as in
-- period-counts.sql. Rows without a place name are left out: there is nothing to call them.
WITH bounds AS (
  SELECT $4::date::timestamp AT TIME ZONE 'Europe/London' AS before_at, $2::date::timestamp AT TIME ZONE 'Europe/London' AS start_at,
         $3::date::timestamp AT TIME ZONE 'Europe/London' AS end_at
)
SELECT i.location_text AS name,
       count(*) FILTER (WHERE i.period_start >= b.start_at)::int AS count,
       count(*) FILTER (WHERE i.period_start < b.start_at)::int AS previous,
       round(avg(l.lon) FILTER (WHERE i.period_start >= b.start_at)::numeric, 5)::float8 AS lon,
       round(avg(l.lat) FILTER (WHERE i.period_start >= b.start_at)::numeric, 5)::float8 AS lat
  FROM bounds b
  JOIN locations l ON l.ward_code = $1
  JOIN incidents i ON i.location_id = l.id AND i.period_start >= b.before_at AND i.period_start < b.end_at
 WHERE i.location_text IS NOT NULL AND i.location_text <> ''
   AND ($5 = 'month' OR i.period_precision <> 'month')
 GROUP BY i.location_text
