-- The months all the data spans: every incident is in ward_month_counts, a few thousand rows. Grouped by period
-- start, since a period whose incidents were all removed may keep rows adding up to 0 until the rollups are compacted.
SELECT to_char(min(period_start) AT TIME ZONE 'Europe/London', 'YYYY-MM') AS "from",
       to_char(max(period_start) AT TIME ZONE 'Europe/London', 'YYYY-MM') AS "to"
  FROM (SELECT period_start FROM ward_month_counts GROUP BY period_start HAVING sum(incidents) <> 0) AS periods
