-- A camera's stored fields, locked until the change commits, so two changes cannot both start from the same version.
SELECT c.id::int, c.version, c.owner, c.reference, c.name, c.location, c.stated_ward, c.type, c.status,
       c.mounting_height_m, c.bearing_deg, c.fov_deg, c.range_m, c.radius_m,
       c.type_assumed, c.height_assumed, c.bearing_assumed, c.fov_assumed, c.range_assumed, c.radius_assumed,
       to_char(c.deployed_from, 'YYYY-MM-DD') AS deployed_from, to_char(c.deployed_until, 'YYYY-MM-DD') AS deployed_until,
       c.notes, c.illustrative, c.source, ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat
  FROM cameras c
 WHERE c.id = $1
   FOR UPDATE OF c
