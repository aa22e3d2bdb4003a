UPDATE users SET last_login_at = now() WHERE id = $1
