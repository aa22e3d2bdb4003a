-- For placement: which map points outside every working camera's view each candidate site would see. Candidates
-- are cameras turning all the way round (a circle of $6 metres, less what loaded buildings hide: camera_sight) at
-- the sites $4 (longitudes) and $5 (latitudes); points and their harm as in coverage.sql ($1 to $2, categories $3).
-- Answers one row per (site, point) with the point's incidents and harm, and, per point, whether it is covered today.
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
), sites AS MATERIALIZED (
  SELECT s.n::int AS site, camera_sight('ptz', ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326), 0, 360, $6::float8, $6::float8) AS view
    FROM unnest($4::float8[], $5::float8[]) WITH ORDINALITY AS s (lon, lat, n)
), points AS MATERIALIZED (
  SELECT p.location_id, l.geom, p.incidents, p.harm
    FROM per_point p
    JOIN locations l ON l.id = p.location_id
   WHERE p.incidents > 0
     AND NOT EXISTS (SELECT 1 FROM cameras c WHERE c.status = 'working' AND ST_Intersects(c.view_geom, l.geom))
)
SELECT s.site, p.location_id, p.incidents, p.harm
  FROM sites s
  JOIN locations l ON ST_Intersects(s.view, l.geom)
  JOIN points p ON p.location_id = l.id
