-- Personal data past the retention period ($1: the cut-off): contact details and photos of reports sent before it,
-- and the reporter's own messages' text (which may carry a name or a number). The report itself stays, so counts and
-- the decision trail are unchanged. Returns the reports erased.
WITH due AS (
  SELECT id FROM resident_reports WHERE submitted_at < $1 AND contact_erased_at IS NULL FOR UPDATE
), photos AS (
  DELETE FROM resident_report_photos p USING due WHERE p.report_id = due.id
), messages AS (
  UPDATE resident_report_messages m SET body = '(erased after the retention period)' FROM due WHERE m.report_id = due.id AND NOT m.from_staff
)
UPDATE resident_reports r
   SET contact_name = NULL, contact_email = NULL, contact_phone = NULL, contact_consent = false, contact_erased_at = now()
  FROM due WHERE r.id = due.id
RETURNING r.id
