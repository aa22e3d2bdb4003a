-- The sources of ward $1's incidents from $2 to $3 (UK days, end exclusive): each with its first and last dates,
-- whether its rows are dated to the month only, and how many rows it has there; for the report's caveats. From the
-- day rollup (migration 021): a month-only row's day is its month's first, as its instant is that day's midnight.
-- Keys are summed first (the rollup holds signed deltas), so a key whose rows cancel out counts for nothing.
SELECT source,
       to_char(min(day), 'YYYY-MM-DD') AS first_day,
       to_char(max(day), 'YYYY-MM-DD') AS last_day,
       bool_and(precision = 'month') AS months_only,
       sum(incidents)::int AS rows
  FROM (SELECT source, precision, coalesce(day, (period_start AT TIME ZONE 'Europe/London')::date) AS day, sum(incidents) AS incidents
          FROM day_counts
         WHERE NOT every_ward AND ward_code = $1
           -- The months that can hold those days: a row's month starts at or before its instant.
           AND period_start >= date_trunc('month', $2::date::timestamp) AT TIME ZONE 'Europe/London'
           AND period_start < $3::date::timestamp AT TIME ZONE 'Europe/London'
         GROUP BY source, period_start, category_id, precision, day
        HAVING sum(incidents) <> 0) AS keys
 WHERE day >= $2::date AND day < $3::date
 GROUP BY source
 ORDER BY source
