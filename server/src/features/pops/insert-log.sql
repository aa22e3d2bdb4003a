-- A dated entry in POP $1's log by $5.
INSERT INTO pop_log (pop_id, entry_date, kind, body, author_id) VALUES ($1, $2::date, $3, $4, $5) RETURNING id::int
