UPDATE import_batches
   SET rows_read = $2, rows_accepted = $3, rows_added = $4, rows_rejected = $5, rows_changed = $6, rows_removed = $7,
       rows_outside = $8, profile_id = $9, finished_at = now()
 WHERE id = $1
