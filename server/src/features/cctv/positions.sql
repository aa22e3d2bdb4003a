-- Where a camera stood, oldest first.
SELECT p.id::int, ST_X(p.geom) AS lon, ST_Y(p.geom) AS lat, p.bearing_deg, p.location,
       to_char(p.from_date, 'YYYY-MM-DD') AS from_date, to_char(p.until_date, 'YYYY-MM-DD') AS until_date, p.reason
  FROM camera_positions p
 WHERE p.camera_id = $1
 ORDER BY p.from_date, p.id
