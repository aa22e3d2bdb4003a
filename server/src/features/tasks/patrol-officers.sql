-- Everyone who may be named on a task ($1: roles.ts PATROL_ROLES), enabled, with their team, by name.
SELECT u.id::int, u.name, u.email, u.role,
       (SELECT json_build_object('id', t.id::int, 'name', t.name) FROM teams t WHERE t.id = u.team_id) AS team
  FROM users u
 WHERE NOT u.disabled AND u.role = ANY ($1::text[])
 ORDER BY lower(u.name), u.id
