-- The months all the data spans: every incident is in ward_month_counts, a few thousand rows.
SELECT to_char(min(period_start) AT TIME ZONE 'Europe/London', 'YYYY-MM') AS "from",
       to_char(max(period_start) AT TIME ZONE 'Europe/London', 'YYYY-MM') AS "to"
  FROM ward_month_counts
