-- The wards in a report: those named ($1), or every ward when $1 is null.
SELECT code, name, council_name
  FROM wards
 WHERE $1::text[] IS NULL OR code = ANY ($1)
 ORDER BY council_name, name
