-- Failures in the window ($3 minutes) per account and per address, and the seconds until the oldest of each leaves it.
SELECT
  count(*) FILTER (WHERE email = $1)::int AS by_email,
  count(*) FILTER (WHERE ip = $2)::int AS by_ip,
  ceil(extract(epoch FROM min(at) FILTER (WHERE email = $1) + make_interval(mins => $3) - now()))::int AS email_retry_after,
  ceil(extract(epoch FROM min(at) FILTER (WHERE ip = $2) + make_interval(mins => $3) - now()))::int AS ip_retry_after
  FROM login_failures
 WHERE (email = $1 OR ip = $2)
   AND at > now() - make_interval(mins => $3)
