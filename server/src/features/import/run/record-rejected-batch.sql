INSERT INTO import_batches (file_name, content_hash, kind, status, rows_read, rows_accepted, rows_added, rows_rejected, errors, started_at)
VALUES ($1, $2, $3, 'rejected', $4, 0, 0, $5, $6, $7)
RETURNING id
