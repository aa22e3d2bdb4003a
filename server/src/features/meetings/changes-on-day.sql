-- Every change to a task recorded on day $1 (UK time): what the meeting did, as the audit trail has it.
SELECT a.target, a.at, a.action, coalesce(u.name, a.actor_email) AS by, a.before, a.after
  FROM audit_log a
  LEFT JOIN users u ON u.id = a.actor_id
 WHERE a.action IN ('task.create', 'task.update', 'task.status')
   AND a.at >= $1::date::timestamp AT TIME ZONE 'Europe/London'
   AND a.at < ($1::date + 1)::timestamp AT TIME ZONE 'Europe/London'
 ORDER BY a.id
