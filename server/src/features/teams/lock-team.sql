SELECT id::int, name, agency, retired FROM teams WHERE id = $1 FOR UPDATE
