-- The first and last UK local day holding incidents known to the day or the minute, for the filter ($1, $2 the period
-- as instants, $3 category ids, $4 ward; null: any), and how many of the filter's incidents are known only to the
-- month, and how many to the day or better: what bounds, and what is left out of, hot spots on weekly slices. From the day rollup (migration 021).
SELECT to_char(min(day) FILTER (WHERE day IS NOT NULL), 'YYYY-MM-DD') AS first_day,
       to_char(max(day) FILTER (WHERE day IS NOT NULL), 'YYYY-MM-DD') AS last_day,
       coalesce(sum(incidents) FILTER (WHERE day IS NOT NULL), 0)::int AS timed,
       coalesce(sum(incidents) FILTER (WHERE day IS NULL), 0)::int AS month_only
  FROM (SELECT day, sum(incidents) AS incidents
          FROM day_counts
         WHERE ($1::timestamptz IS NULL OR period_start >= $1)
           AND ($2::timestamptz IS NULL OR period_start < $2)
           AND ($3::smallint[] IS NULL OR category_id = ANY ($3))
           AND every_ward = ($4::text IS NULL) AND ($4::text IS NULL OR ward_code = $4)
         GROUP BY day
        HAVING sum(incidents) <> 0) AS days
