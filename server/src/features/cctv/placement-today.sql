-- All harm and incidents at map points from $1 to $2 in categories $3, and the part inside a working camera's view:
-- the "today" placement is measured against. per_point as in coverage.sql.
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
SELECT coalesce(sum(p.incidents), 0)::int AS incidents, coalesce(sum(p.harm), 0)::float8 AS harm,
       coalesce(sum(p.harm) FILTER (WHERE covered), 0)::float8 AS covered_harm
  FROM per_point p
  JOIN locations l ON l.id = p.location_id
 CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM cameras c WHERE c.status = 'working' AND ST_Intersects(c.view_geom, l.geom)) AS covered) AS k
 WHERE p.incidents > 0
