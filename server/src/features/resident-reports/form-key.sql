-- The form key, made with the value given when there is none yet; either way the one stored is returned.
WITH made AS (
  INSERT INTO resident_report_settings (single, form_key) VALUES (true, $1) ON CONFLICT (single) DO NOTHING RETURNING form_key
)
SELECT form_key FROM made
UNION ALL
SELECT form_key FROM resident_report_settings WHERE single
LIMIT 1
