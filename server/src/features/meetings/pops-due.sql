-- Open POPs whose review falls due by $1 (the meeting date + 7 days), overdue ones first; $2 the meeting date.
SELECT p.id::int, p.title, p.sara_stage, to_char(p.review_on, 'YYYY-MM-DD') AS review_on,
       p.review_on < $2::date AS overdue, ($2::date - p.review_on)::int AS days_overdue,
       (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM users u WHERE u.id = p.owner_id) AS owner,
       (SELECT coalesce(array_agg(w.name ORDER BY pw.share DESC, w.code), '{}') FROM pop_wards pw JOIN wards w ON w.code = pw.ward_code WHERE pw.pop_id = p.id) AS wards,
       (SELECT count(*)::int FROM tasks t WHERE t.pop_id = p.id) AS linked_tasks
  FROM pops p
 WHERE p.status = 'open' AND p.review_on <= $1::date
 ORDER BY p.review_on, p.id
