-- The named contacts of the wards $1 (null: every ward), by ward and kind.
SELECT ward_code, kind, name, email, phone, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at
  FROM ward_contacts
 WHERE $1::text[] IS NULL OR ward_code = ANY ($1)
 ORDER BY ward_code, CASE kind WHEN 'neighbourhood-officer' THEN 1 WHEN 'enforcement-officer' THEN 2 ELSE 3 END
