-- The teams among $1 (ids) that exist, and whether each is retired.
SELECT t.id::int, t.retired FROM teams t WHERE t.id = ANY ($1::bigint[])
