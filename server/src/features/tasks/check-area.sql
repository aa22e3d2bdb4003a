-- A task area before it is stored ($1 GeoJSON, or null and $2 a ward's code): whether it exists (the ward), is a valid
-- polygon (and why not), its size in km², and whether any ward we hold holds part of it (area_ward_shares, migration 011).
WITH given AS (
  SELECT CASE WHEN $1::text IS NULL THEN (SELECT w.geom FROM wards w WHERE w.code = $2)
              ELSE ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)) END AS geom
)
SELECT g.geom IS NOT NULL AS found,
       ST_IsValid(g.geom) AS valid,
       ST_IsValidReason(g.geom) AS reason,
       ST_Area(g.geom::geography) / 1e6 AS km2,
       ST_IsValid(g.geom) AND EXISTS (SELECT 1 FROM area_ward_shares(g.geom)) AS in_wards
  FROM given g
