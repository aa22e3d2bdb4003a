-- Incidents per weekday (Monday 0 … Sunday 6) and hour of UK local time for the incident filter ($1, $2 the period as
-- instants, $3 category ids, $4 ward, $5 source; null: any), from the rollup of rows known to the minute (hour_counts,
-- migration 021); then the rows the filter holds that are known less precisely (a day, or a month: police.uk's), from
-- day_counts, to say how many were left out. Both rollups append signed rows (a key's rows are added up) and keep
-- each key per ward and for every ward: a question without a ward reads the every-ward rows only.
SELECT weekday::int, hour::int, sum(incidents)::int AS incidents
  FROM hour_counts
 WHERE ($1::timestamptz IS NULL OR period_start >= $1)
   AND ($2::timestamptz IS NULL OR period_start < $2)
   AND ($3::smallint[] IS NULL OR category_id = ANY ($3))
   AND every_ward = ($4::text IS NULL) AND ($4::text IS NULL OR ward_code = $4)
   AND ($5::text IS NULL OR source = $5)
 GROUP BY 1, 2
HAVING sum(incidents) <> 0
UNION ALL
SELECT NULL, NULL, coalesce(sum(incidents), 0)::int
  FROM day_counts
 WHERE precision <> 'minute'
   AND ($1::timestamptz IS NULL OR period_start >= $1)
   AND ($2::timestamptz IS NULL OR period_start < $2)
   AND ($3::smallint[] IS NULL OR category_id = ANY ($3))
   AND every_ward = ($4::text IS NULL) AND ($4::text IS NULL OR ward_code = $4)
   AND ($5::text IS NULL OR source = $5)
