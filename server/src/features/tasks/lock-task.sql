-- A task's editable fields, locked until the edit commits, so two edits cannot both start from the same version.
SELECT t.id::int, t.version, t.status, t.outcome, t.title, t.problem, t.category_ids::int[] AS category_ids,
       (SELECT coalesce(array_agg(k.name ORDER BY k.id), '{}') FROM incident_categories k WHERE k.id = ANY (t.category_ids)) AS categories,
       t.key_times::text AS key_times, t.lead_team_id::int, t.dosage_visits_per_week, t.dosage_minutes,
       to_char(t.start_date, 'YYYY-MM-DD') AS start_date, to_char(t.end_date, 'YYYY-MM-DD') AS end_date,
       t.meeting_id::int, t.pop_id::int, t.source, t.cells, t.cells_res, t.source_ward,
       CASE WHEN t.source = 'polygon' THEN ST_AsGeoJSON(t.geom, 7)::json END AS polygon,
       coalesce((SELECT array_agg(o.user_id::int ORDER BY o.user_id) FROM task_officers o WHERE o.task_id = t.id), '{}') AS officer_ids
  FROM tasks t
 WHERE t.id = $1
   FOR UPDATE OF t
