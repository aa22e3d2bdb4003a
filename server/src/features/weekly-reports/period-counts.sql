-- Incidents of ward $1 per period and category. Periods are UK calendar days [$2[k], $3[k]) numbered k = 1… (1: the
-- report's own period, then each one before it). $4 'month': every row, read from ward_month_counts (whole UK months,
-- so the rollup's months are the periods; its rows are deltas, summed per key); 'week': only rows dated to the day or
-- minute (a row dated to the month cannot be placed in a week), straight from incidents. The planner drops the branch
-- that does not apply ($4 is a value: custom plans).
WITH periods AS (
  SELECT p.ord::int AS ord, p.first_day::timestamp AT TIME ZONE 'Europe/London' AS start_at,
         p.end_day::timestamp AT TIME ZONE 'Europe/London' AS end_at
    FROM unnest($2::date[], $3::date[]) WITH ORDINALITY AS p (first_day, end_day, ord)
)
SELECT p.ord, k.name AS category, sum(c.incidents)::int AS count
  FROM ward_month_counts c
  JOIN periods p ON c.period_start >= p.start_at AND c.period_start < p.end_at
  JOIN incident_categories k ON k.id = c.category_id
 WHERE $4 = 'month'
   AND c.ward_code = $1
 GROUP BY p.ord, k.name
HAVING sum(c.incidents) <> 0
UNION ALL
SELECT p.ord, i.category, count(*)::int AS count
  FROM locations l
  JOIN incidents i ON i.location_id = l.id
  JOIN periods p ON i.period_start >= p.start_at AND i.period_start < p.end_at
 WHERE $4 = 'week'
   AND l.ward_code = $1
   AND i.period_precision <> 'month'
 GROUP BY p.ord, i.category
