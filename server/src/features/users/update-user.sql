-- Fields left null keep their value; the team ($6) is written only when $5 is true (null: no team).
UPDATE users
   SET name = coalesce($2, name), role = coalesce($3, role), disabled = coalesce($4, disabled),
       team_id = CASE WHEN $5::boolean THEN $6::bigint ELSE team_id END
 WHERE id = $1
