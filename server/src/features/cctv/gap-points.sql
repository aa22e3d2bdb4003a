-- Every map point with incidents from $1 to $2 (instants, the end exclusive; both null: the whole period) in
-- categories $3 (ids; null: all): its H3 cell at resolution $4, its position, incidents and harm, and whether any
-- working camera sees it. The gap ranking adds these up per hot cell and problem location. per_point: point_counts() (migration 017).
WITH per_point AS (
  SELECT p.location_id, p.incidents, p.harm FROM point_counts($1, $2, $3) p
), covered AS MATERIALIZED (
  -- The map points inside any working camera's view, driven from the cameras (see coverage.sql's seen).
  SELECT DISTINCT l.id FROM cameras c JOIN locations l ON ST_Intersects(c.view_geom, l.geom) WHERE c.status = 'working'
)
SELECT h3_to_string(CASE $4::int WHEN 6 THEN l.h3_res6 WHEN 7 THEN l.h3_res7 WHEN 8 THEN l.h3_res8 WHEN 9 THEN l.h3_res9 ELSE l.h3_res10 END) AS cell,
       p.incidents, p.harm,
       k.id IS NOT NULL AS covered
  FROM per_point p
  JOIN locations l ON l.id = p.location_id
  LEFT JOIN covered k ON k.id = l.id
 WHERE p.incidents > 0
