-- Expired sessions are refused anyway; removing them at each sign-in keeps the table small without a scheduler. $1:
-- the seconds after which an unused session is refused (sessionIdleRule in sessions.ts).
DELETE FROM sessions WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(secs => $1)
