-- Teams ($1 null: all), the active ones first, by name.
SELECT id::int, name, agency, retired
  FROM teams
 WHERE $1::bigint IS NULL OR id = $1
 ORDER BY retired, lower(name)
