-- Counted per stored period start, then per month: a period start is converted to London time once, not per row.
SELECT to_char(period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, sum(count)::int AS count
  FROM (SELECT period_start, sum(incidents) AS count
          FROM ward_month_counts
         WHERE ($1::timestamptz IS NULL OR period_start >= $1)
           AND ($2::timestamptz IS NULL OR period_start < $2)
           AND ($3::smallint[] IS NULL OR category_id = ANY ($3))
           AND ($4::text IS NULL OR ward_code = $4)
         GROUP BY period_start) AS starts
 GROUP BY 1
HAVING sum(count) <> 0
 ORDER BY 1
