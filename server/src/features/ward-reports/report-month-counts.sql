SELECT ward_code, to_char(period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, count(*)::int AS count
  FROM incidents
 WHERE ward_code = ANY ($3)
   AND period_start >= ($1 || '-01')::timestamp AT TIME ZONE 'Europe/London'
   AND period_start < (($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London'
 GROUP BY ward_code, month
