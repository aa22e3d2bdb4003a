-- The outlines of the councils asked for ($1 null: every council), and a digest that changes when any outline does,
-- so a cached study area is rebuilt after new boundaries are imported.
SELECT code, ST_AsGeoJSON(geom)::json AS geometry, md5(ST_AsBinary(geom)) AS digest
  FROM councils
 WHERE $1::text[] IS NULL OR code = ANY ($1)
 ORDER BY code
