-- A ten-minute session (token hash $1) for user $2, CSRF token $3, to render a report as they see it.
INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, user_agent)
VALUES ($1, $2, $3, now() + interval '10 minutes', 'weekly report e-mail')
