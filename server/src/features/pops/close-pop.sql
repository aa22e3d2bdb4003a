-- Closes POP $1 with the reason $2; the version moves on by one.
UPDATE pops SET status = 'closed', closed_reason = $2, version = version + 1, updated_at = now(), updated_by = $3 WHERE id = $1
