DELETE FROM ward_parts WHERE ward_code IN (SELECT code FROM staging_boundaries);
INSERT INTO ward_parts (ward_code, geom)
SELECT w.code, (ST_Dump(ST_Subdivide(w.geom, 64))).geom
  FROM wards w
 WHERE w.code IN (SELECT code FROM staging_boundaries);
