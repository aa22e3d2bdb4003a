INSERT INTO users (email, name, role, password_hash, must_change_password)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (email) DO NOTHING
RETURNING id::int
