-- The sources of ward $1's incidents from $2 to $3 (UK days, end exclusive): each with its first and last dates,
-- whether its rows are dated to the month only, and how many rows it has there; for the report's caveats.
SELECT i.source,
       to_char(min(i.period_start) AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS first_day,
       to_char(max(i.period_start) AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS last_day,
       bool_and(i.period_precision = 'month') AS months_only,
       count(*)::int AS rows
  FROM locations l
  JOIN incidents i ON i.location_id = l.id
 WHERE l.ward_code = $1
   AND i.period_start >= $2::date::timestamp AT TIME ZONE 'Europe/London'
   AND i.period_start < $3::date::timestamp AT TIME ZONE 'Europe/London'
 GROUP BY i.source
 ORDER BY i.source
