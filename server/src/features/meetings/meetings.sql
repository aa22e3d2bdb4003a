-- JAG meetings as the API answers with them, latest first. $1 one meeting's id (null: every meeting).
SELECT m.id::int, to_char(m.held_on, 'YYYY-MM-DD') AS held_on, m.title, m.chair, m.notes, m.agencies_present AS others_present,
       m.version, m.created_at, m.updated_at,
       (SELECT coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, 'agency', t.agency) ORDER BY t.name, t.id), '[]')
          FROM teams t WHERE t.id = ANY (m.team_ids)) AS teams,
       (SELECT count(*)::int FROM tasks k WHERE k.meeting_id = m.id) AS task_count,
       (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM users u WHERE u.id = m.created_by) AS created_by,
       (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM users u WHERE u.id = m.updated_by) AS updated_by
  FROM jag_meetings m
 WHERE $1::bigint IS NULL OR m.id = $1
 ORDER BY m.held_on DESC, m.id DESC
