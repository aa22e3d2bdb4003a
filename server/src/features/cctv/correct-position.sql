-- A camera dragged to where it really stands: its open position row (if it keeps a history) says the same.
UPDATE camera_positions SET geom = ST_SetSRID(ST_MakePoint($2, $3), 4326), bearing_deg = $4
 WHERE camera_id = $1 AND until_date IS NULL
