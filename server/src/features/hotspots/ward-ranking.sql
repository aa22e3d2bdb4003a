-- Incidents and their harm (the sum of their categories' harm weights) per ward in the period from $1 to $2 and in the
-- equal period just before it, from $5 to $1 (instants: month starts, ends exclusive), for the chosen categories ($3)
-- and councils ($4, null: all). Reads ward_month_counts (counts/), the same rows as /api/wards; one scan from $5 to
-- $2 serves both periods, split at $1.
WITH per_ward AS (
  SELECT r.ward_code,
         sum(r.incidents) FILTER (WHERE r.period_start >= $1::timestamptz) AS incidents,
         sum(r.incidents) FILTER (WHERE r.period_start < $1::timestamptz) AS previous,
         sum(r.incidents * (SELECT harm_weight_array())[r.category_id])
           FILTER (WHERE r.period_start >= $1::timestamptz) AS harm,
         sum(r.incidents * (SELECT harm_weight_array())[r.category_id])
           FILTER (WHERE r.period_start < $1::timestamptz) AS previous_harm
    FROM ward_month_counts r
   WHERE r.ward_code IS NOT NULL
     AND r.period_start >= $5::timestamptz
     AND r.period_start < $2::timestamptz
     AND ($3::smallint[] IS NULL OR r.category_id = ANY ($3))
   GROUP BY r.ward_code
)
SELECT w.code, w.name, w.council_code, w.council_name,
       coalesce(p.incidents, 0)::int AS incidents,
       coalesce(p.previous, 0)::int AS previous,
       coalesce(p.harm, 0)::float8 AS harm,
       coalesce(p.previous_harm, 0)::float8 AS previous_harm
  FROM wards w
  LEFT JOIN per_ward p ON p.ward_code = w.code
 WHERE $4::text[] IS NULL OR w.council_code = ANY ($4)
