UPDATE users SET password_hash = $2, must_change_password = $3 WHERE id = $1
