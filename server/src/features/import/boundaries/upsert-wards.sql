-- A ward file replaces the wards of the councils it covers (new boundaries supersede old ones).
WITH shaped AS (
  SELECT code, name, council_code, council_name, geom FROM staging_boundaries
), removed AS (
  DELETE FROM wards w
   WHERE w.council_code IN (SELECT council_code FROM shaped)
     AND w.code NOT IN (SELECT code FROM shaped)
)
INSERT INTO wards (code, name, council_code, council_name, boundary_set, geom, label_point)
SELECT code, name, council_code, council_name, $1, geom, ST_PointOnSurface(geom) FROM shaped
ON CONFLICT (code) DO UPDATE
   SET name = EXCLUDED.name, council_code = EXCLUDED.council_code, council_name = EXCLUDED.council_name,
       boundary_set = EXCLUDED.boundary_set, geom = EXCLUDED.geom, label_point = EXCLUDED.label_point
