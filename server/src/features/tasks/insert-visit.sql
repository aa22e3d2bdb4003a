-- A visit to task $1, once per idempotency key ($2): a resend inserts nothing and returns no row. outside_area: the
-- point ($8 lon, $9 lat; null: none) lies more than 25 m from the task area, about what a phone's GPS gets in a street.
INSERT INTO task_visits (task_id, idempotency_key, visit_date, start_time, minutes, actions, notes, geom, outside_area, recorded_by)
SELECT t.id, $2, $3::date, $4::time, $5, $6::jsonb, $7, p.geom,
       CASE WHEN p.geom IS NOT NULL THEN NOT ST_DWithin(t.geom::geography, p.geom::geography, 25) END,
       $10
  FROM tasks t
 CROSS JOIN (SELECT CASE WHEN $8::float8 IS NOT NULL THEN ST_SetSRID(ST_MakePoint($8, $9::float8), 4326) END AS geom) p
 WHERE t.id = $1
    ON CONFLICT (idempotency_key) DO NOTHING
RETURNING id::int
