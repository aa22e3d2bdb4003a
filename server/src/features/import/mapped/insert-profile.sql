-- A new profile; no row back: the name is taken.
INSERT INTO import_profiles (name, title, mapping) VALUES ($1, $2, $3)
ON CONFLICT (name) DO NOTHING
RETURNING id, name, title, mapping, shipped, created_at, updated_at
