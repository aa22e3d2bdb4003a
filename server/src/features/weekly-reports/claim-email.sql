-- Takes the next e-mail due, for one sender: its attempt is counted and its next try set $1 seconds on before it is
-- sent, so a process that dies mid-send leaves it to be tried again, and two senders never take the same one. Its
-- last error is cleared while it is being sent, so an admin's "try again now" (retry-email.sql) cannot make it due
-- again mid-send and send it twice; a failure writes the new one.
UPDATE weekly_report_emails e
   SET attempts = e.attempts + 1, next_attempt_at = now() + make_interval(secs => $1), last_error = NULL
 WHERE e.id = (SELECT id FROM weekly_report_emails WHERE status = 'pending' AND next_attempt_at <= now()
                ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
RETURNING e.id::int, e.recipient, e.attempts, e.report_id::int,
          (SELECT r.ward_code FROM weekly_reports r WHERE r.id = e.report_id) AS ward_code,
          (SELECT r.period FROM weekly_reports r WHERE r.id = e.report_id) AS period,
          (SELECT r.version FROM weekly_reports r WHERE r.id = e.report_id) AS version,
          (SELECT r.snapshot::json #>> '{ward,name}' FROM weekly_reports r WHERE r.id = e.report_id) AS ward_name,
          (SELECT u.id::int FROM users u WHERE u.email = e.recipient AND NOT u.disabled) AS user_id
