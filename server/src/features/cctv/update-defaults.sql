-- A type's default view values ($2…$6, null: unchanged; $7 basis) by $8 (an email); the cameras of the type still on
-- an assumed value take the new one, one version on. Returns the defaults before and how many cameras changed.
WITH before AS (
  SELECT * FROM camera_type_defaults WHERE type = $1 FOR UPDATE
), changed AS (
  UPDATE camera_type_defaults d
     SET mounting_height_m = coalesce($2, d.mounting_height_m), bearing_deg = coalesce($3, d.bearing_deg),
         fov_deg = coalesce($4, d.fov_deg), range_m = coalesce($5, d.range_m), radius_m = coalesce($6, d.radius_m),
         basis = coalesce($7, d.basis), updated_at = now(), updated_by = $8
   WHERE d.type = $1
  RETURNING d.*
), cameras_changed AS (
  UPDATE cameras c
     SET mounting_height_m = CASE WHEN c.height_assumed THEN n.mounting_height_m ELSE c.mounting_height_m END,
         bearing_deg = CASE WHEN c.bearing_assumed THEN n.bearing_deg ELSE c.bearing_deg END,
         fov_deg = CASE WHEN c.fov_assumed THEN n.fov_deg ELSE c.fov_deg END,
         range_m = CASE WHEN c.range_assumed THEN n.range_m ELSE c.range_m END,
         radius_m = CASE WHEN c.radius_assumed THEN n.radius_m ELSE c.radius_m END,
         version = c.version + 1, updated_at = now()
    FROM changed n
   WHERE c.type = n.type
     AND ((c.height_assumed AND c.mounting_height_m <> n.mounting_height_m) OR (c.bearing_assumed AND c.bearing_deg <> n.bearing_deg)
       OR (c.fov_assumed AND c.fov_deg <> n.fov_deg) OR (c.range_assumed AND c.range_m <> n.range_m)
       OR (c.radius_assumed AND c.radius_m <> n.radius_m))
  RETURNING 1
)
SELECT row_to_json(b) AS before, row_to_json(n) AS after, (SELECT count(*)::int FROM cameras_changed) AS cameras
  FROM before b, changed n
