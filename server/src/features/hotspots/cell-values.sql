-- Incidents and their harm (the sum of their categories' harm weights) from $1 to $2 (instants, the end exclusive;
-- null: open) per H3 cell at resolution $5: the cell CONTAINING each incident's map point at that resolution, stored
-- per point on import, so "every incident inside the cell" holds exactly. The whole period reads location_counts
-- (per point and category); a period reads point_month_counts (counts/). Only the branch that
-- applies runs. Grouped on the stored bigint; only the grouped cells are turned into hex strings.
WITH asked AS MATERIALIZED (
  SELECT harm_weight_array() AS weights
), per_point AS (
  SELECT c.location_id, sum(c.incidents)::int AS incidents, coalesce(sum(c.incidents * a.weights[c.category_id]), 0)::float8 AS harm
    FROM location_counts c
   CROSS JOIN asked a
   WHERE $1::timestamptz IS NULL AND $2::timestamptz IS NULL
     AND c.category_id > 0
     AND ($3::smallint[] IS NULL OR c.category_id = ANY ($3))
   GROUP BY c.location_id
  UNION ALL
  SELECT r.location_id, sum(r.incidents)::int, coalesce(sum(r.incidents * a.weights[r.category_id]), 0)::float8
    FROM point_month_counts r
   CROSS JOIN asked a
   WHERE ($1::timestamptz IS NOT NULL OR $2::timestamptz IS NOT NULL)
     AND ($1::timestamptz IS NULL OR r.period_start >= $1)
     AND ($2::timestamptz IS NULL OR r.period_start < $2)
     AND ($3::smallint[] IS NULL OR r.category_id = ANY ($3))
   GROUP BY r.location_id
)
SELECT h3_to_string(cell) AS cell, incidents, harm
  FROM (SELECT CASE $5::int WHEN 6 THEN l.h3_res6 WHEN 7 THEN l.h3_res7 WHEN 8 THEN l.h3_res8
                            WHEN 9 THEN l.h3_res9 ELSE l.h3_res10 END AS cell,
               sum(p.incidents)::int AS incidents,
               sum(p.harm)::float8 AS harm
          FROM per_point p
          JOIN locations l ON l.id = p.location_id
         WHERE p.incidents > 0
           AND ($4::text IS NULL OR l.ward_code = $4)
         GROUP BY 1) AS counted
