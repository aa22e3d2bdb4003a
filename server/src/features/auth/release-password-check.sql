-- A check never made (the server was too busy to hash it) is not a failure.
DELETE FROM password_check_failures WHERE id = $1
