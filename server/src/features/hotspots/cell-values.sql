-- Incidents and their harm (the sum of their categories' harm weights) from $1 to $2 (instants, the end exclusive;
-- null: open) per H3 cell at resolution $5: the cell CONTAINING each incident's map
-- point at that resolution, stored per point on import, so "every incident inside the cell" holds exactly. Reads the
-- counted incidents (point_month_counts; see cell-month-values.sql). Grouped on the stored bigint; only the grouped
-- cells are turned into hex strings.
SELECT h3_to_string(cell) AS cell, incidents, harm
  FROM (SELECT CASE $5::int WHEN 6 THEN l.h3_res6 WHEN 7 THEN l.h3_res7 WHEN 8 THEN l.h3_res8
                            WHEN 9 THEN l.h3_res9 ELSE l.h3_res10 END AS cell,
               sum(r.incidents)::int AS incidents,
               coalesce(sum(r.incidents * (SELECT harm_weight_array())[r.category_id]), 0)::float8 AS harm
          FROM point_month_counts r
          JOIN locations l ON l.id = r.location_id
         WHERE ($1::timestamptz IS NULL OR r.period_start >= $1)
           AND ($2::timestamptz IS NULL OR r.period_start < $2)
           AND ($3::text[] IS NULL OR r.category_id = ANY ((SELECT category_ids($3))::smallint[]))
           AND ($4::text IS NULL OR l.ward_code = $4)
         GROUP BY 1) AS counted
