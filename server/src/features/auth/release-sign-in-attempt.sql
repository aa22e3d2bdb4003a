-- An attempt never checked (the server was too busy to hash it) is not a failure.
DELETE FROM login_failures WHERE id = $1
