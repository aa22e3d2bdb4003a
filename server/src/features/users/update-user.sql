-- Fields left null keep their value.
UPDATE users
   SET name = coalesce($2, name), role = coalesce($3, role), disabled = coalesce($4, disabled)
 WHERE id = $1
