-- Whether any incident of ward $1 from $2 to $3 (UK days, end exclusive) is dated to the day or minute: a ward with
-- none has months only. From the day rollup (migration 021), keys summed first (signed deltas). Its own query, not
-- the report's: the report never needs it.
SELECT EXISTS (
  SELECT 1
    FROM day_counts
   WHERE NOT every_ward AND ward_code = $1 AND precision <> 'month'
     AND period_start >= date_trunc('month', $2::date::timestamp) AT TIME ZONE 'Europe/London'
     AND period_start < $3::date::timestamp AT TIME ZONE 'Europe/London'
     AND day >= $2::date AND day < $3::date
   GROUP BY source, period_start, category_id, precision, day
  HAVING sum(incidents) <> 0
) AS timed
