UPDATE import_batches
   SET rows_read = $2, rows_accepted = $3, rows_added = $4, rows_rejected = $5, finished_at = now()
 WHERE id = $1
