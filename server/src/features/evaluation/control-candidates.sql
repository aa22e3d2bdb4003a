-- What the automatic control is chosen from (control.ts): incidents per month in the before period, in the task area
-- (cell null) and in each res-8 H3 cell of the task's councils that lies wholly beyond the ring around it. A cell is
-- beyond the ring when none of its points lies within $2 metres of the task area ($2 = the ring's width plus the
-- widest span of a res-8 cell, so no part of the cell can reach into the ring: every point of a cell is within that
-- span of every other). $1 the task area (as PostGIS reads a geometry from text); $3 the councils' codes; $4, $5 the
-- before period's bounds (instants, the end exclusive); $6 category ids (null: every category). Months as YYYY-MM.
WITH given AS (
  SELECT ST_SetSRID($1::geometry, 4326) AS area,
         ST_Buffer(ST_SetSRID($1::geometry, 4326)::geography, $2::float8)::geometry AS reach
),
near_cells AS (
  SELECT DISTINCT l.h3_res8
    FROM given g
    JOIN locations l ON ST_Intersects(g.reach, l.geom)
   WHERE l.h3_res8 IS NOT NULL
),
candidates AS (
  SELECT l.id, l.h3_res8
    FROM locations l
    JOIN wards w ON w.code = l.ward_code
   WHERE w.council_code = ANY ($3::text[])
     AND l.h3_res8 IS NOT NULL
     AND l.h3_res8 NOT IN (SELECT n.h3_res8 FROM near_cells n)
),
target AS (
  SELECT l.id FROM given g JOIN locations l ON ST_Intersects(g.area, l.geom)
)
SELECT h3_to_string(p.h3_res8) AS cell,
       to_char(c.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month,
       sum(c.incidents)::int AS incidents
  FROM (SELECT id, h3_res8 FROM candidates UNION ALL SELECT id, NULL FROM target) AS p
  JOIN point_month_counts c ON c.location_id = p.id
 WHERE c.period_start >= $4::timestamptz AND c.period_start < $5::timestamptz
   AND ($6::smallint[] IS NULL OR c.category_id = ANY ($6))
 GROUP BY p.h3_res8, c.period_start
HAVING sum(c.incidents) <> 0
