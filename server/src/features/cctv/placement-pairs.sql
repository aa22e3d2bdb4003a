-- For placement: which map points outside every working camera's view each candidate site would see. Candidates
-- are cameras turning all the way round (a circle of $6 metres, less what loaded buildings hide) at
-- the sites $4 (longitudes) and $5 (latitudes); points and their harm as in coverage.sql ($1 to $2, categories $3).
-- Answers one row per (site, point) with the point's incidents and harm, and, per point, whether it is covered today.
WITH per_point AS (
  SELECT p.location_id, p.incidents, p.harm FROM point_counts($1, $2, $3) p
), covered AS MATERIALIZED (
  -- The map points inside any working camera's view, driven from the cameras (see coverage.sql's seen).
  SELECT DISTINCT l.id FROM cameras c JOIN locations l ON ST_Intersects(c.view_geom, l.geom) WHERE c.status = 'working'
), sites AS MATERIALIZED (
  -- A site with a building footprint within range sees what camera_sight draws; any other sees the circle, found
  -- with ST_DWithin on the spheroid: drawing 2,000 circles took seconds, for the same points.
  SELECT s.n::int AS site, x.pt, x.dx, x.dy,
         CASE WHEN EXISTS (SELECT 1 FROM camera_buildings b WHERE b.geom && ST_Expand(x.pt, x.dx, x.dy) AND ST_DWithin(b.geom::geography, x.pt::geography, $6))
              THEN camera_sight('ptz', x.pt, 0, 360, $6::float8, $6::float8) END AS view
    FROM unnest($4::float8[], $5::float8[]) WITH ORDINALITY AS s (lon, lat, n)
   CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) AS pt,
                              -- The box around the circle in degrees, with a margin: a degree of latitude is at least 110.5 km.
                              1.01 * $6 / (110500 * cos(radians(least(abs(s.lat), 89)))) AS dx, 1.01 * $6 / 110500 AS dy) AS x
), points AS MATERIALIZED (
  SELECT p.location_id, p.incidents, p.harm
    FROM per_point p
   WHERE p.incidents > 0
     AND NOT EXISTS (SELECT 1 FROM covered k WHERE k.id = p.location_id)
)
SELECT s.site, p.location_id, p.incidents, p.harm
  FROM sites s
  JOIN locations l ON l.geom && ST_Expand(s.pt, s.dx, s.dy)
                  AND CASE WHEN s.view IS NULL THEN ST_DWithin(l.geom::geography, s.pt::geography, $6) ELSE ST_Intersects(s.view, l.geom) END
  JOIN points p ON p.location_id = l.id
