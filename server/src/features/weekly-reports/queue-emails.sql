-- Queues report $1 for every enabled councillor of ward $2 (their sign-in e-mail); a councillor already queued for
-- it is not queued twice.
INSERT INTO weekly_report_emails (report_id, recipient)
SELECT $1, u.email
  FROM councillor_wards cw
  JOIN users u ON u.id = cw.user_id
 WHERE cw.ward_code = $2 AND u.role = 'councillor' AND NOT u.disabled
ON CONFLICT ON CONSTRAINT weekly_report_emails_once DO NOTHING
