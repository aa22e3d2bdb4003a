-- Moves a task to status $2; $3 (when not null) becomes its outcome. The version moves on by one.
UPDATE tasks
   SET status = $2, outcome = coalesce($3, outcome), version = version + 1, updated_at = now(), updated_by = $4
 WHERE id = $1
