INSERT INTO users (email, name, role, password_hash, must_change_password, team_id)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (email) DO NOTHING
RETURNING id::int
