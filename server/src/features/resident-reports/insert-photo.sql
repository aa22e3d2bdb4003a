INSERT INTO resident_report_photos (report_id, ordinal, image, width, height) VALUES ($1, $2, $3, $4, $5)
