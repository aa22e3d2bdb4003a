UPDATE jag_meetings
   SET held_on = $2, title = $3, chair = $4, notes = $5, team_ids = $6, agencies_present = $7,
       version = version + 1, updated_at = now(), updated_by = $8
 WHERE id = $1
