-- The file's references not yet stored for source $1, added as incidents of batch $2. After change-rows.sql, in the
-- same transaction.
INSERT INTO incidents (source, source_key, batch_id, category, period_start, period_precision, location_id, location_text,
                       description, stated_ward_code, reference)
SELECT $1, m.source_key, $2, m.category, m.period_start, m.period_precision, m.location_id, m.location_text,
       m.description, m.stated_ward_code, m.reference
  FROM mapped_rows m
 WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.source = $1 AND i.source_key = m.source_key)
 ORDER BY m.period_start
