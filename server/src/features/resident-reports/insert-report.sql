-- A report as sent. happened_at comes as UK local wall-clock time (the form's date and time fields), read in London.
INSERT INTO resident_reports (receipt_hash, reporter_category, category, lon, lat, place_text, happened_at, ongoing,
                              description, contact_name, contact_email, contact_phone, contact_consent)
VALUES ($1, $2, $3, $4, $5, $6, ($7::timestamp AT TIME ZONE 'Europe/London'), $8, $9, $10, $11, $12, $13)
RETURNING id
