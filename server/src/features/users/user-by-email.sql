SELECT id::int, email, password_hash, disabled FROM users WHERE email = $1
