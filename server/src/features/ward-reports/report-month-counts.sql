-- Counted per stored period start, then per month: converting every row to London time cost more than the count.
SELECT ward_code, to_char(period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, sum(count)::int AS count
  FROM (SELECT ward_code, period_start, count(*) AS count
          FROM incidents
         WHERE ward_code = ANY ($3)
           AND period_start >= (SELECT ($1 || '-01')::timestamp AT TIME ZONE 'Europe/London')
           AND period_start < (SELECT (($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London')
         GROUP BY ward_code, period_start) AS starts
 GROUP BY ward_code, month
