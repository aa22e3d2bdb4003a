-- Makes e-mail $1 due now, if it has not gone and is not being sent (what unsent-emails.sql lists): the next outbox
-- pass takes it. One given up on gets one more try; its attempts stay counted, so another failure gives it up again.
-- Answers its status and attempts before and, when it was made due, the e-mail as unsent-emails.sql gives it (no row: no such
-- e-mail).
WITH target AS (
  SELECT id, status, attempts, last_error FROM weekly_report_emails WHERE id = $1 FOR UPDATE
), retried AS (
  UPDATE weekly_report_emails e
     SET status = 'pending', next_attempt_at = now()
    FROM target t
   WHERE e.id = t.id AND (t.status = 'failed' OR (t.status = 'pending' AND t.last_error IS NOT NULL))
  RETURNING e.*
)
SELECT t.status AS status_before, t.attempts AS attempts_before, x.id::int, r.ward_code, r.snapshot::json #>> '{ward,name}' AS ward_name, r.period, r.version,
       x.recipient, x.status, x.attempts, x.last_error,
       to_char(x.next_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS next_attempt_at,
       to_char(x.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS queued_at
  FROM target t
  LEFT JOIN retried x ON true
  LEFT JOIN weekly_reports r ON r.id = x.report_id
