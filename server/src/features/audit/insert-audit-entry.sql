INSERT INTO audit_log (actor_id, actor_email, action, target, ip, details, before, after)
VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb)
