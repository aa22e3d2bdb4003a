-- The working cameras, with the ward each stands in, whether any view value is assumed and whether it is
-- illustrative: the coverage answer lists them and counts them per ward.
SELECT c.id::int, c.reference, c.name, c.type, c.ward_code, c.illustrative,
       (c.type_assumed OR (CASE c.type WHEN 'drone' THEN c.height_assumed OR c.radius_assumed
                     WHEN 'ptz' THEN c.height_assumed OR c.bearing_assumed OR c.range_assumed
                     ELSE c.height_assumed OR c.bearing_assumed OR c.fov_assumed OR c.range_assumed END)) AS any_assumed
  FROM cameras c
 WHERE c.status = 'working'
