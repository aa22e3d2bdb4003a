-- Visits to task $1 ($2: one visit's id, or null for all), newest first.
SELECT v.id::int, v.task_id::int, to_char(v.visit_date, 'YYYY-MM-DD') AS date, to_char(v.start_time, 'HH24:MI') AS start_time,
       v.minutes, v.actions, v.notes, ST_X(v.geom) AS lon, ST_Y(v.geom) AS lat, v.outside_area, v.recorded_at,
       (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM users u WHERE u.id = v.recorded_by) AS recorded_by,
       (SELECT coalesce(json_agg(json_build_object('id', u.id, 'name', u.name, 'email', u.email) ORDER BY u.name, u.id), '[]')
          FROM task_visit_officers o JOIN users u ON u.id = o.user_id WHERE o.visit_id = v.id) AS officers
  FROM task_visits v
 WHERE v.task_id = $1 AND ($2::bigint IS NULL OR v.id = $2)
 ORDER BY v.visit_date DESC, v.start_time DESC, v.id DESC
