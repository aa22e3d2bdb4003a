-- Every month with data, in order: every incident is in ward_month_counts, a few thousand rows. Grouped by period
-- start, since a period whose incidents were all removed may keep rows adding up to 0 until the rollups are compacted.
SELECT coalesce(array_agg(month ORDER BY month), '{}') AS months
  FROM (SELECT DISTINCT to_char(period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month
          FROM ward_month_counts
         GROUP BY period_start
        HAVING sum(incidents) <> 0) AS periods
