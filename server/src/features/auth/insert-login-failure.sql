INSERT INTO login_failures (email, ip) VALUES ($1, $2)
