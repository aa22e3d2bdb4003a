-- The file's batch row, unless a committed batch already has the same bytes (and the import is not forced): no row
-- back means skip. Checked under the import lock, so two sessions cannot both take the same file.
INSERT INTO import_batches (file_name, content_hash, kind, status, started_at)
SELECT $1, $2, $3, 'committed', $4
 WHERE $5::boolean OR NOT EXISTS (SELECT 1 FROM import_batches WHERE content_hash = $2 AND status = 'committed')
RETURNING id
