-- When and why each task given ($1: 'task:<id>' targets) was last escalated to the PSG, from the audit trail.
SELECT DISTINCT ON (a.target) a.target, a.at, a.details ->> 'reason' AS reason
  FROM audit_log a
 WHERE a.action = 'task.status' AND a.after ->> 'status' = 'escalated' AND a.target = ANY ($1::text[])
 ORDER BY a.target, a.id DESC
