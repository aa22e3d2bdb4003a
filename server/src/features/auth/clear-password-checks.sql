-- The right current password: the session's count starts again.
DELETE FROM password_check_failures WHERE token_hash = $1
