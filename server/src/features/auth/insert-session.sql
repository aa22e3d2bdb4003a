INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, ip, user_agent)
VALUES ($1, $2, $3, now() + make_interval(hours => $4), $5, $6)
