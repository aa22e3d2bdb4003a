-- The map point of a report's pin: the stored one with these coordinates, else a new one placed in its ward (as the
-- importer places points, insert-locations.sql) with the cells computed in Node ($3…$8: no H3 in SQL here).
WITH made AS (
  INSERT INTO locations (lon, lat, geom, ward_code, ward_match, h3_res6, h3_res7, h3_res8, h3_res9, h3_res10, h3_res11)
  SELECT $1, $2, point.geom, w.ward_code, w.ward_match, $3, $4, $5, $6, $7, $8
    FROM (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326) AS geom) AS point
    LEFT JOIN LATERAL ward_for_point(point.geom) AS w ON true
  ON CONFLICT (lon, lat) DO NOTHING
  RETURNING id
)
SELECT id FROM made UNION ALL SELECT id FROM locations WHERE lon = $1 AND lat = $2 LIMIT 1
