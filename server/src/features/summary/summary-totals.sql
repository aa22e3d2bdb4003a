-- Totals under the whole filter; under the filter without its ward, incidents outside every ward and incidents
-- police.uk gives no location (neither has a ward, and only the first has a point). Reads ward_month_counts (counts/),
-- $1 and $2 the period as instants (counts/count-bounds.ts).
SELECT coalesce(sum(incidents) FILTER (WHERE $4::text IS NULL OR ward_code = $4), 0)::int AS total,
       coalesce(sum(incidents) FILTER (WHERE ward_code IS NULL AND has_location AND $4::text IS NULL), 0)::int AS outside_area,
       coalesce(sum(incidents) FILTER (WHERE NOT has_location AND $4::text IS NULL), 0)::int AS without_location
  FROM ward_month_counts
 WHERE ($1::timestamptz IS NULL OR period_start >= $1)
   AND ($2::timestamptz IS NULL OR period_start < $2)
   AND ($3::smallint[] IS NULL OR category_id = ANY ($3))
