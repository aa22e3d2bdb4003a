-- Which of the users given ($1 ids) may be named on a task: enabled, with a patrol role ($2: roles.ts PATROL_ROLES).
SELECT u.id::int FROM users u WHERE u.id = ANY ($1::bigint[]) AND NOT u.disabled AND u.role = ANY ($2::text[])
