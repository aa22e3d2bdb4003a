-- Incidents per week (Monday to Sunday in UK local time, the week named by its Monday) for the incident filter, as
-- demand-grid.sql takes it ($1, $2 the period as instants, $3 category ids, $4 ward, $5 source; null: any), from the
-- day rollup's rows known to the day or the minute: a month-only row (police.uk's) belongs to no one week.
SELECT to_char(date_trunc('week', day), 'YYYY-MM-DD') AS week, sum(incidents)::int AS incidents
  FROM day_counts
 WHERE day IS NOT NULL
   AND ($1::timestamptz IS NULL OR period_start >= $1)
   AND ($2::timestamptz IS NULL OR period_start < $2)
   AND ($3::smallint[] IS NULL OR category_id = ANY ($3))
   AND every_ward = ($4::text IS NULL) AND ($4::text IS NULL OR ward_code = $4)
   AND ($5::text IS NULL OR source = $5)
 GROUP BY 1
HAVING sum(incidents) <> 0
 ORDER BY 1
