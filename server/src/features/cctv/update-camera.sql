-- A camera's fields after a change, one version on. The position is written only when it moved ($24, $25 non-null),
-- so an edit of the notes leaves the camera's ward and view unworked (the view trigger runs on the columns set).
UPDATE cameras
   SET owner = $2, reference = $3, name = $4, location = $5, stated_ward = $6, type = $7, status = $8,
       mounting_height_m = $9, bearing_deg = $10, fov_deg = $11, range_m = $12, radius_m = $13,
       type_assumed = $14, height_assumed = $15, bearing_assumed = $16, fov_assumed = $17, range_assumed = $18, radius_assumed = $19,
       deployed_from = $20::date, deployed_until = $21::date, notes = $22, illustrative = $23,
       geom = CASE WHEN $24::float8 IS NULL THEN geom ELSE ST_SetSRID(ST_MakePoint($24, $25), 4326) END,
       version = version + 1, updated_at = now(), updated_by = $26
 WHERE id = $1
