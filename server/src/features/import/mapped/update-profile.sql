UPDATE import_profiles SET title = $2, mapping = $3, updated_at = now() WHERE name = $1
RETURNING id, name, title, mapping, shipped, created_at, updated_at
