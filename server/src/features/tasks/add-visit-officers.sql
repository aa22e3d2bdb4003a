INSERT INTO task_visit_officers (visit_id, user_id) SELECT $1, unnest($2::bigint[])
