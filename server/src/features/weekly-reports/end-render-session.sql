-- Ends the rendering session $1 (token hash).
DELETE FROM sessions WHERE token_hash = $1
