-- The standing batch accepted reports' incidents belong to (migration 018), made on first use.
WITH made AS (
  INSERT INTO import_batches (file_name, content_hash, kind, status, started_at)
  VALUES ('resident reports', 'resident-reports', 'resident-reports', 'committed', now())
  ON CONFLICT (kind) WHERE kind = 'resident-reports' DO NOTHING
  RETURNING id
)
SELECT id FROM made UNION ALL SELECT id FROM import_batches WHERE kind = 'resident-reports' LIMIT 1
