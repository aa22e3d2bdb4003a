INSERT INTO jag_meetings (held_on, title, chair, notes, team_ids, agencies_present, created_by, updated_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
RETURNING id::int
