-- Incidents and their harm (the sum of their categories' harm weights) per ward in the period ($1..$2) and in the
-- equal period just before it ($5..$6), for the chosen categories ($3) and councils ($4, null: all). Reads the counted
-- incidents (live_point_month_counts; see hotspot-inputs.sql), placed in wards by their map point. The two periods
-- follow each other, so one scan from $5 to $2 serves both, split at the start of $1 (the end of $6).
WITH per_ward AS (
  SELECT l.ward_code,
         sum(r.incidents) FILTER (WHERE r.period_start >= (SELECT ($1 || '-01')::timestamp AT TIME ZONE 'Europe/London')) AS incidents,
         sum(r.incidents) FILTER (WHERE r.period_start < (SELECT (($6 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London')) AS previous,
         sum(r.incidents * (SELECT harm_weight_array())[r.category_id])
           FILTER (WHERE r.period_start >= (SELECT ($1 || '-01')::timestamp AT TIME ZONE 'Europe/London')) AS harm,
         sum(r.incidents * (SELECT harm_weight_array())[r.category_id])
           FILTER (WHERE r.period_start < (SELECT (($6 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London')) AS previous_harm
    FROM live_point_month_counts r
    JOIN locations l ON l.id = r.location_id
   WHERE r.period_start >= (SELECT ($5 || '-01')::timestamp AT TIME ZONE 'Europe/London')
     AND r.period_start < (SELECT (($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London')
     AND ($3::text[] IS NULL OR r.category_id = ANY ((SELECT category_ids($3))::smallint[]))
   GROUP BY l.ward_code
)
SELECT w.code, w.name, w.council_code, w.council_name,
       coalesce(p.incidents, 0)::int AS incidents,
       coalesce(p.previous, 0)::int AS previous,
       coalesce(p.harm, 0)::float8 AS harm,
       coalesce(p.previous_harm, 0)::float8 AS previous_harm
  FROM wards w
  LEFT JOIN per_ward p ON p.ward_code = w.code
 WHERE $4::text[] IS NULL OR w.council_code = ANY ($4)
