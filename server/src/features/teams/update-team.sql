-- Fields left null keep their value. Fails on a name another team has (teams_name_key).
UPDATE teams
   SET name = coalesce($2, name), agency = coalesce($3, agency), retired = coalesce($4, retired), updated_at = now()
 WHERE id = $1
