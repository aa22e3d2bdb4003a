-- Expired sessions are refused anyway; removing them at each sign-in keeps the table small without a scheduler.
DELETE FROM sessions WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(mins => $1)
