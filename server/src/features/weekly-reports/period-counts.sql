-- Incidents of ward $1 per period and category. Periods are UK calendar days [$2[k], $3[k]) numbered k = 1… (1: the
-- report's own period, then each one before it). $4 'month': every row, read from ward_month_counts (whole UK months,
-- so the rollup's months are the periods); 'week': only rows dated to the day or minute (a row dated to the month
-- cannot be placed in a week), read from day_counts (migration 021) by their UK day. Both rollups hold signed deltas,
-- summed per key. The planner drops the branch that does not apply ($4 is a value: custom plans).
WITH periods AS (
  SELECT p.ord::int AS ord, p.first_day, p.end_day, p.first_day::timestamp AT TIME ZONE 'Europe/London' AS start_at,
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
SELECT p.ord, k.name AS category, sum(c.incidents)::int AS count
  FROM day_counts c
  JOIN periods p ON c.day >= p.first_day AND c.day < p.end_day
  JOIN incident_categories k ON k.id = c.category_id
 WHERE $4 = 'week'
   AND NOT c.every_ward AND c.ward_code = $1
   AND c.precision <> 'month'
   AND c.period_start >= (SELECT date_trunc('month', min(first_day)::timestamp) AT TIME ZONE 'Europe/London' FROM periods)
   AND c.period_start < (SELECT max(end_day)::timestamp AT TIME ZONE 'Europe/London' FROM periods)
 GROUP BY p.ord, k.name
HAVING sum(c.incidents) <> 0
