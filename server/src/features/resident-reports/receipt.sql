-- A receipt: the report its code's hash names, with what the reporter may see of it and nothing more.
SELECT r.id, r.status, r.reason, r.submitted_at, r.decided_at,
       coalesce((SELECT json_agg(json_build_object('from', CASE WHEN m.from_staff THEN 'staff' ELSE 'you' END, 'body', m.body, 'sentAt', m.sent_at) ORDER BY m.id)
                   FROM resident_report_messages m WHERE m.report_id = r.id), '[]') AS messages
  FROM resident_reports r
 WHERE r.receipt_hash = $1
