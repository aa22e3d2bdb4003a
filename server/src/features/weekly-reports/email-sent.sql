-- E-mail $1 went.
UPDATE weekly_report_emails SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1
