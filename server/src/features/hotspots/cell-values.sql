-- Incidents and their harm (the sum of their categories' harm weights) from $1 to $2 (instants, the end exclusive;
-- null: open) per H3 cell at resolution $5: the cell CONTAINING each incident's map point at that resolution, stored
-- per point on import, so "every incident inside the cell" holds exactly. Per point through point_counts() (migration
-- 017): the whole period from location_counts, a period from point_month_counts, only the branch that applies running.
-- Grouped on the stored bigint; only the grouped cells are turned into hex strings.
WITH per_point AS (
  SELECT p.location_id, p.incidents, p.harm FROM point_counts($1, $2, $3) p
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
