-- Under lock-password-check.sql's lock: a session's ($1) wrong current passwords and checks in flight in the window
-- ($2 minutes), and the seconds until the oldest leaves it. The check is recorded (its id returned) only while under
-- the limit ($3).
WITH recent AS (
  SELECT count(*)::int AS failures,
         ceil(extract(epoch FROM min(at) + make_interval(mins => $2) - now()))::int AS retry_after
    FROM password_check_failures
   WHERE token_hash = $1
     AND at > now() - make_interval(mins => $2)
), counted AS (
  INSERT INTO password_check_failures (token_hash)
  SELECT $1 FROM recent WHERE failures < $3
  RETURNING id
)
SELECT (SELECT id::int FROM counted) AS id, recent.* FROM recent
