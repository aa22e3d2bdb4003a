SELECT id, name, title, mapping, shipped, created_at, updated_at FROM import_profiles WHERE name = $1
