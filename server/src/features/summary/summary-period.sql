SELECT to_char(min(period_start) AT TIME ZONE 'Europe/London', 'YYYY-MM') AS "from",
       to_char(max(period_start) AT TIME ZONE 'Europe/London', 'YYYY-MM') AS "to"
  FROM incidents
