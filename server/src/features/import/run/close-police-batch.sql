-- Closes a police file's batch and summarises the BRIN block ranges its rows filled: a BRIN scan reads every
-- unsummarised range, so without this the next file's key lookup, and the map's newest-rows lookup, would read every
-- row added since the last vacuum.
WITH summarized AS (
  SELECT brin_summarize_new_values('incidents_period_id_brin') AS ranges
)
UPDATE import_batches
   SET rows_read = $2, rows_accepted = $3, rows_added = $4, rows_rejected = $5, finished_at = now()
  FROM summarized
 WHERE id = $1
