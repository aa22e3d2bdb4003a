-- Which of the team ids given name a team (retired teams included: a meeting may record who came before it retired).
SELECT id::int FROM teams WHERE id = ANY ($1::bigint[])
