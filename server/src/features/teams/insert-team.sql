-- Nothing when the name is taken (any case).
INSERT INTO teams (name, agency) VALUES ($1, $2)
ON CONFLICT (lower(name)) DO NOTHING
RETURNING id::int
