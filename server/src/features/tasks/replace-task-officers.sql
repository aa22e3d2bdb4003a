-- The task's named officers become exactly $2 (user ids). Those kept are left alone: a row deleted and inserted again
-- in one statement would collide with itself.
WITH removed AS (DELETE FROM task_officers WHERE task_id = $1 AND user_id <> ALL ($2::bigint[]))
INSERT INTO task_officers (task_id, user_id) SELECT $1, unnest($2::bigint[])
    ON CONFLICT DO NOTHING
