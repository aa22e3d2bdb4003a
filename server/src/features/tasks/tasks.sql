-- Tasks as the API answers with them, with their area, wards, officers and the dosage delivered.
-- $1 one task's id (null: every task the filters keep); $2 the viewer's id; $3 what the viewer may see
-- (task-visibility.ts): 'all', 'officer' (tasks naming them or led by their team) or 'councillor' (tasks in their
-- wards); filters: $4 statuses (null: any), $5 lead team, $6 a ward the area lies in, $7 only tasks naming the viewer;
-- $8 the Monday of the week whose delivery is shown (null: this week, UK time); $9 whether to send each area's GeoJSON
-- (null when not: it was 40% of a 1,000-task list's bytes, and only a map draws it).
WITH viewer AS (
  SELECT u.id, u.team_id FROM users u WHERE u.id = $2
), week AS (
  SELECT coalesce($8::date, date_trunc('week', now() AT TIME ZONE 'Europe/London')::date) AS start
), shown AS (
  SELECT t.*
    FROM tasks t
   WHERE ($1::bigint IS NULL OR t.id = $1)
     AND ($4::text[] IS NULL OR t.status = ANY ($4))
     AND ($5::bigint IS NULL OR t.lead_team_id = $5)
     AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM task_wards tw WHERE tw.task_id = t.id AND tw.ward_code = $6))
     AND (NOT $7::boolean OR EXISTS (SELECT 1 FROM task_officers o WHERE o.task_id = t.id AND o.user_id = $2))
     AND CASE $3::text
           WHEN 'all' THEN true
           WHEN 'officer' THEN EXISTS (SELECT 1 FROM task_officers o WHERE o.task_id = t.id AND o.user_id = $2)
                            OR t.lead_team_id = (SELECT v.team_id FROM viewer v)
           WHEN 'councillor' THEN EXISTS (SELECT 1 FROM task_wards tw JOIN councillor_wards cw ON cw.ward_code = tw.ward_code
                                           WHERE tw.task_id = t.id AND cw.user_id = $2)
           ELSE false
         END
), delivered AS (
  -- Visits grouped once for every task shown (a hash over the visits), not looked up task by task.
  SELECT v.task_id,
         count(*) FILTER (WHERE v.visit_date >= week.start AND v.visit_date < week.start + 7)::int AS week_visits,
         coalesce(sum(v.minutes) FILTER (WHERE v.visit_date >= week.start AND v.visit_date < week.start + 7), 0)::int AS week_minutes,
         count(*)::int AS total_visits,
         sum(v.minutes)::int AS total_minutes,
         count(*) FILTER (WHERE v.outside_area)::int AS outside_visits
    FROM task_visits v
    JOIN shown s ON s.id = v.task_id
   CROSS JOIN week
   GROUP BY v.task_id
), ward_lists AS (
  -- Likewise the wards and officers: one join over every task shown (a subquery per task was most of the list's time).
  SELECT tw.task_id,
         json_agg(json_build_object('code', w.code, 'name', w.name, 'councilCode', w.council_code,
                                    'councilName', w.council_name, 'share', tw.share)
                  ORDER BY tw.share DESC, w.code) AS wards
    FROM task_wards tw
    JOIN shown s ON s.id = tw.task_id
    JOIN wards w ON w.code = tw.ward_code
   GROUP BY tw.task_id
), officer_lists AS (
  SELECT o.task_id, json_agg(json_build_object('id', u.id, 'name', u.name, 'email', u.email) ORDER BY u.name, u.id) AS officers
    FROM task_officers o
    JOIN shown s ON s.id = o.task_id
    JOIN users u ON u.id = o.user_id
   GROUP BY o.task_id
)
SELECT t.id::int, t.title, t.problem, t.key_times::text AS key_times, t.status, t.outcome, t.version,
       t.dosage_visits_per_week, t.dosage_minutes,
       to_char(t.start_date, 'YYYY-MM-DD') AS start_date, to_char(t.end_date, 'YYYY-MM-DD') AS end_date,
       t.meeting_id::int, t.pop_id::int, t.source, t.cells, t.cells_res::int, t.source_ward,
       CASE WHEN $9::boolean THEN ST_AsGeoJSON(t.geom, 6)::json END AS geometry,
       t.area_km2,
       t.created_at, t.updated_at,
       (SELECT coalesce(array_agg(k.name ORDER BY k.id), '{}') FROM incident_categories k WHERE k.id = ANY (t.category_ids)) AS categories,
       (SELECT json_build_object('id', m.id, 'name', m.name, 'agency', m.agency) FROM teams m WHERE m.id = t.lead_team_id) AS lead_team,
       coalesce(ol.officers, '[]') AS officers,
       coalesce(wl.wards, '[]') AS wards,
       (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM users u WHERE u.id = t.created_by) AS created_by,
       (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM users u WHERE u.id = t.updated_by) AS updated_by,
       to_char(week.start, 'YYYY-MM-DD') AS week_start,
       coalesce(d.week_visits, 0) AS week_visits, coalesce(d.week_minutes, 0) AS week_minutes,
       coalesce(d.total_visits, 0) AS total_visits, coalesce(d.total_minutes, 0) AS total_minutes,
       coalesce(d.outside_visits, 0) AS outside_visits
  FROM shown t
 CROSS JOIN week
  LEFT JOIN delivered d ON d.task_id = t.id
  LEFT JOIN ward_lists wl ON wl.task_id = t.id
  LEFT JOIN officer_lists ol ON ol.task_id = t.id
 ORDER BY t.status IN ('completed', 'closed'), t.start_date DESC, t.id DESC
