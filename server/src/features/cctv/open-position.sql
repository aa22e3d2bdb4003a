-- A redeployable's first position, or the one it moves to ($3 the date it stands there from): the open row before
-- it, if any, ends the day before (or on the day itself when it began that day).
WITH closed AS (
  UPDATE camera_positions
     SET until_date = greatest(from_date, $3::date - 1)
   WHERE camera_id = $1 AND until_date IS NULL
  RETURNING id
)
INSERT INTO camera_positions (camera_id, geom, bearing_deg, location, from_date, reason, created_by)
SELECT $1, ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, $7, $3::date, $8, $2
  FROM (SELECT count(*) FROM closed) AS done
