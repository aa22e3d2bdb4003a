-- Totals under the whole filter; under the filter without its ward, incidents outside every ward and incidents
-- police.uk gives no location (neither has a ward, and only the first has a point).
SELECT count(*) FILTER (WHERE $4::text IS NULL OR ward_code = $4)::int AS total,
       count(*) FILTER (WHERE ward_code IS NULL AND location_id IS NOT NULL AND $4::text IS NULL)::int AS outside_area,
       count(*) FILTER (WHERE location_id IS NULL AND $4::text IS NULL)::int AS without_location
  FROM incidents
 WHERE ($1::text IS NULL OR period_start >= (SELECT ($1 || '-01')::timestamp AT TIME ZONE 'Europe/London'))
   AND ($2::text IS NULL OR period_start < (SELECT (($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London'))
   AND ($3::text[] IS NULL OR category = ANY ($3))
