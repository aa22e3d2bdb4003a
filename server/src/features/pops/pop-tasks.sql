-- The tasks linked to POP $1, newest first.
SELECT t.id::int, t.title, t.status, to_char(t.start_date, 'YYYY-MM-DD') AS start_date, to_char(t.end_date, 'YYYY-MM-DD') AS end_date
  FROM tasks t
 WHERE t.pop_id = $1
 ORDER BY t.start_date DESC, t.id DESC
