DELETE FROM login_failures WHERE email = $1
