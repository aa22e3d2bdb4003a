-- E-mail $1 failed with message $2: given up on when $3, else tried again in $4 seconds.
UPDATE weekly_report_emails
   SET last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE 'pending' END, next_attempt_at = now() + make_interval(secs => $4)
 WHERE id = $1
