-- Newest first, a page at a time; $6 is the id the previous page ended on (0: from the newest).
SELECT a.id::int, a.at, a.actor_id::int, a.actor_email, a.action, a.target, a.ip, a.details, a.before, a.after
  FROM audit_log a
 WHERE ($1::text IS NULL OR a.action = $1)
   AND ($2::text IS NULL OR a.actor_email = $2)
   AND ($3::date IS NULL OR a.at >= ($3::date)::timestamp AT TIME ZONE 'Europe/London')
   AND ($4::date IS NULL OR a.at < ($4::date + 1)::timestamp AT TIME ZONE 'Europe/London')
   AND ($6::bigint = 0 OR a.id < $6)
 ORDER BY a.id DESC
 LIMIT $5
