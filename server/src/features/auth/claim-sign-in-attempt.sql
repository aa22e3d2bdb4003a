-- Under lock-sign-in-attempt.sql's locks: failures and attempts in flight in the window ($3 minutes) per account ($1)
-- and per address ($2), with the seconds until the oldest of each leaves it. The attempt is recorded (its id returned)
-- only while both are under their limits ($4, $5): a refused attempt is not counted again.
WITH recent AS (
  SELECT count(*) FILTER (WHERE email = $1)::int AS by_email,
         count(*) FILTER (WHERE ip = $2)::int AS by_ip,
         ceil(extract(epoch FROM min(at) FILTER (WHERE email = $1) + make_interval(mins => $3) - now()))::int AS email_retry_after,
         ceil(extract(epoch FROM min(at) FILTER (WHERE ip = $2) + make_interval(mins => $3) - now()))::int AS ip_retry_after
    FROM login_failures
   WHERE (email = $1 OR ip = $2)
     AND at > now() - make_interval(mins => $3)
), counted AS (
  INSERT INTO login_failures (email, ip)
  SELECT $1, $2 FROM recent WHERE by_email < $4 AND by_ip < $5
  RETURNING id
)
SELECT (SELECT id::int FROM counted) AS id, recent.* FROM recent
