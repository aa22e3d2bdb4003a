-- Whether user $1 may own a POP: enabled, with the inspector role. No row: no such user.
SELECT u.role, u.disabled FROM users u WHERE u.id = $1
