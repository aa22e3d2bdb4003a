-- One camera-month's activity: added, or its figures replaced. added: the month was new; changed: anything differs.
WITH before AS (
  SELECT incidents_spotted, assisted_arrests, footage_requests FROM camera_activity WHERE camera_id = $1 AND month = $2::date
), written AS (
  INSERT INTO camera_activity (camera_id, month, incidents_spotted, assisted_arrests, footage_requests, updated_by)
  VALUES ($1, $2::date, $3, $4, $5, $6)
  ON CONFLICT (camera_id, month) DO UPDATE
     SET incidents_spotted = EXCLUDED.incidents_spotted, assisted_arrests = EXCLUDED.assisted_arrests,
         footage_requests = EXCLUDED.footage_requests, updated_at = now(), updated_by = EXCLUDED.updated_by
   WHERE (camera_activity.incidents_spotted, camera_activity.assisted_arrests, camera_activity.footage_requests)
         IS DISTINCT FROM (EXCLUDED.incidents_spotted, EXCLUDED.assisted_arrests, EXCLUDED.footage_requests)
  RETURNING 1
)
SELECT NOT EXISTS (SELECT 1 FROM before) AS added,
       EXISTS (SELECT 1 FROM written) AND EXISTS (SELECT 1 FROM before) AS changed,
       (SELECT row_to_json(b) FROM before b) AS before
