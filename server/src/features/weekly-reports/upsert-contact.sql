-- Sets ward $1's contact of kind $2 (name $3, e-mail $4, phone $5), by user $6.
INSERT INTO ward_contacts (ward_code, kind, name, email, phone, updated_by, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, now())
ON CONFLICT (ward_code, kind) DO UPDATE
   SET name = EXCLUDED.name, email = EXCLUDED.email, phone = EXCLUDED.phone, updated_by = EXCLUDED.updated_by, updated_at = now()
RETURNING ward_code, kind, name, email, phone, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at
