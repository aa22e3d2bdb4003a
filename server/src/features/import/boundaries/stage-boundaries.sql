-- Geometry is parsed and repaired here, so a bad polygon fails the staging step with the file's name on it.
INSERT INTO staging_boundaries (code, name, council_code, council_name, geom)
SELECT code, name, council_code, council_name,
       ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326)), 3))
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t (code, name, council_code, council_name, geojson)
