SELECT DISTINCT content_hash FROM import_batches WHERE content_hash = ANY ($1::text[]) AND status = 'committed'
