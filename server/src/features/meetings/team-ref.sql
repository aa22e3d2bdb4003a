-- One team as a meeting's pages name it ($1), and the team of the user $2 (null when they have none).
SELECT (SELECT json_build_object('id', t.id, 'name', t.name, 'agency', t.agency) FROM teams t WHERE t.id = $1) AS team,
       (SELECT u.team_id::int FROM users u WHERE u.id = $2) AS users_team
