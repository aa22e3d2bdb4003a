-- The signed-in user behind a session token digest ($1), if the session is within both its idle and absolute expiry
-- and the account is enabled. Idle expiry without a write per request (sessionIdleRule in sessions.ts): last_seen_at
-- is written only once it is $2 seconds old, and the session is refused once it is $3 seconds old (the idle limit
-- plus $2), so the write's lag never ends a session that was used within the idle limit.
WITH touched AS (
  UPDATE sessions SET last_seen_at = now()
   WHERE token_hash = $1
     AND last_seen_at <= now() - make_interval(secs => $2)
     AND last_seen_at > now() - make_interval(secs => $3)
     AND expires_at > now()
)
SELECT s.csrf_token, u.id::int, u.email, u.name, u.role, u.must_change_password,
       coalesce((SELECT json_agg(json_build_object('code', w.code, 'name', w.name) ORDER BY w.name)
                   FROM councillor_wards cw JOIN wards w ON w.code = cw.ward_code
                  WHERE cw.user_id = u.id AND u.role = 'councillor'), '[]'::json) AS wards
  FROM sessions s
  JOIN users u ON u.id = s.user_id
 WHERE s.token_hash = $1
   AND s.expires_at > now()
   AND s.last_seen_at > now() - make_interval(secs => $3)
   AND NOT u.disabled
