-- A message on a report: from staff ($3 true, $4 the author) or from the reporter through the receipt.
INSERT INTO resident_report_messages (report_id, from_staff, author_id, body) VALUES ($1, $2, $3, $4) RETURNING id
