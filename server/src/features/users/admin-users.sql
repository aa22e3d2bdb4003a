-- Users as the admin page shows them ($1 null: everyone), with councillors' wards and patrols' teams.
SELECT u.id::int, u.email, u.name, u.role, u.must_change_password, u.disabled, u.created_at, u.last_login_at,
       (SELECT json_build_object('id', t.id, 'name', t.name) FROM teams t WHERE t.id = u.team_id) AS team,
       coalesce((SELECT json_agg(json_build_object('code', w.code, 'name', w.name) ORDER BY w.name)
                   FROM councillor_wards cw JOIN wards w ON w.code = cw.ward_code
                  WHERE cw.user_id = u.id), '[]'::json) AS wards
  FROM users u
 WHERE $1::bigint IS NULL OR u.id = $1
 ORDER BY u.disabled, u.email
