-- Writes every editable field ($2…$12, merged with the current values by the caller) and, when $13 is true, the area
-- ($14 GeoJSON, or the ward $17's outline when $14 is null); the version moves on by one.
UPDATE tasks t
   SET title = $2, problem = $3, category_ids = $4::smallint[], key_times = $5::bit(168), lead_team_id = $6,
       dosage_visits_per_week = $7, dosage_minutes = $8, start_date = $9::date, end_date = $10::date, meeting_id = $11,
       pop_id = $12,
       geom = CASE WHEN NOT $13::boolean THEN t.geom
                   WHEN $14::text IS NULL THEN (SELECT w.geom FROM wards w WHERE w.code = $17)
                   ELSE ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($14), 4326)) END,
       source = CASE WHEN $13 THEN $15 ELSE t.source END,
       cells = CASE WHEN $13 THEN $16::text[] ELSE t.cells END,
       cells_res = CASE WHEN $13 THEN $18::smallint ELSE t.cells_res END,
       source_ward = CASE WHEN $13 THEN $17 ELSE t.source_ward END,
       version = t.version + 1, updated_at = now(), updated_by = $19
 WHERE t.id = $1
