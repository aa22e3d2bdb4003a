-- Removes ward $1's contact of kind $2; the row removed, if any.
DELETE FROM ward_contacts WHERE ward_code = $1 AND kind = $2
RETURNING ward_code, kind, name, email, phone, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at
