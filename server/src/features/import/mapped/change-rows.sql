-- A file of source $1 (batch $2): the stored rows whose reference it has and whose values it changes take the new
-- values (a corrected re-export). Unchanged rows are left alone, so a re-import changes nothing. The count triggers
-- move each changed row's counts from its old key to its new (decision 0007).
UPDATE incidents i
   SET category = m.category, period_start = m.period_start, period_precision = m.period_precision,
       location_id = m.location_id, location_text = m.location_text, description = m.description,
       stated_ward_code = m.stated_ward_code, reference = m.reference, batch_id = $2
  FROM mapped_rows m
 WHERE i.source = $1 AND i.source_key = m.source_key
   AND (i.category, i.period_start, i.period_precision, i.location_id, i.location_text, i.description, i.stated_ward_code, i.reference)
       IS DISTINCT FROM (m.category, m.period_start, m.period_precision, m.location_id, m.location_text, m.description, m.stated_ward_code, m.reference)
