-- A camera's monthly activity, newest first.
SELECT to_char(a.month, 'YYYY-MM') AS month, a.incidents_spotted, a.assisted_arrests, a.footage_requests
  FROM camera_activity a
 WHERE a.camera_id = $1
 ORDER BY a.month DESC
