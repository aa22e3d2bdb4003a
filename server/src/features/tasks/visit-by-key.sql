-- The visit an idempotency key ($1) recorded, and its task.
SELECT id::int, task_id::int FROM task_visits WHERE idempotency_key = $1
