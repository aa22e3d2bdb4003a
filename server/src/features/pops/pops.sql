-- POPs as the API answers with them: owner, partners, wards, linked tasks by status, and whether the review is overdue.
-- $1 one POP's id (null: every POP the filters keep); $2 the viewer's id; $3 what the viewer may see (pop-store.ts):
-- 'all', or 'councillor' (POPs whose area lies in one of their wards); filters: $4 status, $5 a ward the area lies in,
-- $6 overdue (true: only overdue, false: only not overdue, null: either); $7 with the area's outline.
-- Overdue: open, and the review date is before today in the UK (a review due today is due, not overdue).
WITH today AS (
  SELECT (now() AT TIME ZONE 'Europe/London')::date AS day
), shown AS (
  SELECT p.*, (p.status = 'open' AND p.review_on < today.day) AS overdue
    FROM pops p
   CROSS JOIN today
   WHERE ($1::bigint IS NULL OR p.id = $1)
     AND ($4::text IS NULL OR p.status = $4)
     AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM pop_wards pw WHERE pw.pop_id = p.id AND pw.ward_code = $5))
     AND ($6::boolean IS NULL OR (p.status = 'open' AND p.review_on < today.day) = $6)
     AND CASE $3::text
           WHEN 'all' THEN true
           WHEN 'councillor' THEN EXISTS (SELECT 1 FROM pop_wards pw JOIN councillor_wards cw ON cw.ward_code = pw.ward_code
                                           WHERE pw.pop_id = p.id AND cw.user_id = $2)
           ELSE false
         END
)
SELECT p.id::int, p.title, p.problem, p.sara_stage, to_char(p.review_on, 'YYYY-MM-DD') AS review_on, p.overdue,
       p.status, p.closed_reason, p.version, p.source, p.cells, p.cells_res::int, p.source_ward, p.area_km2,
       CASE WHEN $7::boolean THEN ST_AsGeoJSON(p.geom, 6)::json END AS geometry,
       p.created_at, p.updated_at,
       (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM users u WHERE u.id = p.owner_id) AS owner,
       (SELECT coalesce(json_agg(json_build_object('id', m.id, 'name', m.name, 'agency', m.agency) ORDER BY m.name, m.id), '[]')
          FROM teams m WHERE m.id = ANY (p.partner_team_ids)) AS partners,
       (SELECT coalesce(json_agg(json_build_object('code', w.code, 'name', w.name, 'councilCode', w.council_code,
                                                   'councilName', w.council_name, 'share', pw.share)
                                 ORDER BY pw.share DESC, w.code), '[]')
          FROM pop_wards pw JOIN wards w ON w.code = pw.ward_code WHERE pw.pop_id = p.id) AS wards,
       (SELECT coalesce(json_agg(json_build_object('status', s.status, 'count', s.n) ORDER BY s.status), '[]')
          FROM (SELECT t.status, count(*)::int AS n FROM tasks t WHERE t.pop_id = p.id GROUP BY t.status) s) AS tasks_by_status,
       (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM users u WHERE u.id = p.created_by) AS created_by,
       (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM users u WHERE u.id = p.updated_by) AS updated_by
  FROM shown p
 ORDER BY p.status = 'closed', p.overdue DESC, p.review_on, p.id
