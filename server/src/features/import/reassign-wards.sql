-- After boundaries change, every incident is placed again, one distinct point at a time.
WITH points AS (
  SELECT DISTINCT geom FROM incidents
), point_wards AS (
  SELECT p.geom, w.ward_code, w.ward_match
    FROM points p
    LEFT JOIN LATERAL ward_for_point(p.geom) w ON true
)
UPDATE incidents i
   SET ward_code = pw.ward_code, ward_match = pw.ward_match
  FROM point_wards pw
 WHERE i.geom = pw.geom
   AND (i.ward_code IS DISTINCT FROM pw.ward_code OR i.ward_match IS DISTINCT FROM pw.ward_match)
