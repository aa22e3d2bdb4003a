SELECT EXISTS (SELECT 1 FROM jag_meetings WHERE id = $1) AS found
