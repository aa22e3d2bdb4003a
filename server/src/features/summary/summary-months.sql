-- Counted per stored period start, then per month: converting every row to London time cost more than the count.
SELECT to_char(period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, sum(count)::int AS count
  FROM (SELECT period_start, count(*) AS count
          FROM incidents
         WHERE ($1::text IS NULL OR period_start >= (SELECT ($1 || '-01')::timestamp AT TIME ZONE 'Europe/London'))
           AND ($2::text IS NULL OR period_start < (SELECT (($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London'))
           AND ($3::text[] IS NULL OR category = ANY ($3))
           AND ($4::text IS NULL OR ward_code = $4)
         GROUP BY period_start) AS starts
 GROUP BY 1
 ORDER BY 1
