-- After boundaries change, every map point is placed again, then incidents take their point's ward.
WITH placed AS (
  SELECT l.id, w.ward_code, w.ward_match
    FROM locations l
    LEFT JOIN LATERAL ward_for_point(l.geom) w ON true
), moved AS (
  UPDATE locations l
     SET ward_code = p.ward_code, ward_match = p.ward_match
    FROM placed p
   WHERE l.id = p.id
     AND (l.ward_code IS DISTINCT FROM p.ward_code OR l.ward_match IS DISTINCT FROM p.ward_match)
  RETURNING l.id, l.ward_code
)
UPDATE incidents i
   SET ward_code = m.ward_code
  FROM moved m
 WHERE i.location_id = m.id
   AND i.ward_code IS DISTINCT FROM m.ward_code
