SELECT id FROM import_batches WHERE content_hash = $1 AND status = 'committed' ORDER BY id LIMIT 1
