SELECT EXISTS (SELECT 1 FROM incidents WHERE id = $1) AS found
