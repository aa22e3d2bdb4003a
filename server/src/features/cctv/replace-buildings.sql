-- The building layer replaced by the footprints given ($1 GeoJSON polygons): the statement trigger on
-- camera_buildings then redraws every camera's view once for the delete and once for the insert.
WITH cleared AS (DELETE FROM camera_buildings RETURNING 1)
INSERT INTO camera_buildings (geom)
SELECT ST_SetSRID(ST_GeomFromGeoJSON(g), 4326) FROM unnest($1::text[]) AS g, (SELECT count(*) FROM cleared) AS done
