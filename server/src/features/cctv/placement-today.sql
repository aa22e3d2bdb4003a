-- All harm and incidents at map points from $1 to $2 in categories $3, and the part inside a working camera's view:
-- the "today" placement is measured against. per_point: point_counts() (migration 017).
WITH per_point AS (
  SELECT p.location_id, p.incidents, p.harm FROM point_counts($1, $2, $3) p
), covered AS MATERIALIZED (
  -- The map points inside any working camera's view, driven from the cameras (see coverage.sql's seen).
  SELECT DISTINCT l.id FROM cameras c JOIN locations l ON ST_Intersects(c.view_geom, l.geom) WHERE c.status = 'working'
)
SELECT coalesce(sum(p.incidents), 0)::int AS incidents, coalesce(sum(p.harm), 0)::float8 AS harm,
       coalesce(sum(p.harm) FILTER (WHERE k.id IS NOT NULL), 0)::float8 AS covered_harm
  FROM per_point p
  JOIN locations l ON l.id = p.location_id
 LEFT JOIN covered k ON k.id = l.id
 WHERE p.incidents > 0
