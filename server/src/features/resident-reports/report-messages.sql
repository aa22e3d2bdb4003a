SELECT m.id, m.from_staff, u.name AS author, m.body, m.sent_at
  FROM resident_report_messages m LEFT JOIN users u ON u.id = m.author_id
 WHERE m.report_id = $1
 ORDER BY m.id
