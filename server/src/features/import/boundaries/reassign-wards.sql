-- After boundaries change, every map point is placed again; an incident's ward is its point's, and the counts
-- trigger on locations moves the ward counts of the points that moved.
WITH placed AS (
  SELECT l.id, w.ward_code, w.ward_match
    FROM locations l
    LEFT JOIN LATERAL ward_for_point(l.geom) w ON true
)
UPDATE locations l
   SET ward_code = p.ward_code, ward_match = p.ward_match
  FROM placed p
 WHERE l.id = p.id
   AND (l.ward_code IS DISTINCT FROM p.ward_code OR l.ward_match IS DISTINCT FROM p.ward_match)
