INSERT INTO councils (code, name, boundary_set, geom)
SELECT code, name, $1, geom
  FROM staging_boundaries
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, boundary_set = EXCLUDED.boundary_set, geom = EXCLUDED.geom
