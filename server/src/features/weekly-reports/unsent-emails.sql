-- Weekly report e-mails that have not gone: given up on ('failed') or waiting for another try after a failure
-- ('pending' with its last error), failed ones first, then by when each is tried next; $1: only that e-mail (null:
-- all). One being sent now has no error (claim-email.sql clears it) and is not listed. The ward's name is the
-- snapshot's, as in report-meta.sql.
SELECT e.id::int, r.ward_code, r.snapshot::json #>> '{ward,name}' AS ward_name, r.period, r.version, e.recipient,
       e.status, e.attempts, e.last_error,
       CASE WHEN e.status = 'pending' THEN to_char(e.next_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END AS next_attempt_at,
       to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS queued_at
  FROM weekly_report_emails e
  JOIN weekly_reports r ON r.id = e.report_id
 WHERE (e.status = 'failed' OR (e.status = 'pending' AND e.last_error IS NOT NULL))
   AND ($1::bigint IS NULL OR e.id = $1)
 ORDER BY e.status = 'failed' DESC, e.next_attempt_at, e.id
 LIMIT 1000
