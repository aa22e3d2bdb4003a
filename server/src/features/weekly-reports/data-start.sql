-- The first UK day any incident is dated in, anywhere: before it there are no data, which a trend must not show as
-- zero. $1 'week': only records dated to the day or minute count (a weekly report reads no others); 'month': all.
-- From the day rollup's every-ward rows (migration 021), keys summed first (signed deltas).
SELECT to_char(min(day), 'YYYY-MM-DD') AS first_day
  FROM (SELECT coalesce(day, (period_start AT TIME ZONE 'Europe/London')::date) AS day
          FROM day_counts
         WHERE every_ward AND ($1 = 'month' OR precision <> 'month')
         GROUP BY source, period_start, category_id, precision, day
        HAVING sum(incidents) <> 0) AS keys
