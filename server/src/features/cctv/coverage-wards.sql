-- Wards by code, with their council ($1 null: every ward).
SELECT code, name, council_name FROM wards WHERE $1::text[] IS NULL OR code = ANY ($1) ORDER BY code
