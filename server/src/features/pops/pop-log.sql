-- POP $1's log, newest first (by the day noted, then as entered).
SELECT l.id::int, to_char(l.entry_date, 'YYYY-MM-DD') AS date, l.kind, l.body, l.created_at,
       (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM users u WHERE u.id = l.author_id) AS author
  FROM pop_log l
 WHERE l.pop_id = $1
 ORDER BY l.entry_date DESC, l.id DESC
