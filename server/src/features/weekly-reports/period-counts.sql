-- Incidents of ward $1 per period and category. Periods are UK calendar days [$2[k], $3[k]) numbered k = 1… (1: the
-- report's own period, then each one before it). $4 'week': only rows dated to the day or minute (a row dated to the
-- month cannot be placed in a week); 'month': every row. Straight from incidents, so weeks and months count alike.
WITH periods AS (
  SELECT p.ord::int AS ord, p.first_day::timestamp AT TIME ZONE 'Europe/London' AS start_at,
         p.end_day::timestamp AT TIME ZONE 'Europe/London' AS end_at
    FROM unnest($2::date[], $3::date[]) WITH ORDINALITY AS p (first_day, end_day, ord)
)
SELECT p.ord, i.category, count(*)::int AS count
  FROM locations l
  JOIN incidents i ON i.location_id = l.id
  JOIN periods p ON i.period_start >= p.start_at AND i.period_start < p.end_at
 WHERE l.ward_code = $1
   AND ($4 = 'month' OR i.period_precision <> 'month')
 GROUP BY p.ord, i.category
