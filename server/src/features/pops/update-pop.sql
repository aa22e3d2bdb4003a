-- Writes every editable field ($2…$7, merged with the current values by the caller) and, when $8 is true, the area
-- ($9 GeoJSON, or the ward $12's outline when $9 is null); the version moves on by one.
UPDATE pops p
   SET title = $2, problem = $3, owner_id = $4, partner_team_ids = $5::bigint[], sara_stage = $6, review_on = $7::date,
       geom = CASE WHEN NOT $8::boolean THEN p.geom
                   WHEN $9::text IS NULL THEN (SELECT w.geom FROM wards w WHERE w.code = $12)
                   ELSE ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($9), 4326)) END,
       source = CASE WHEN $8 THEN $10 ELSE p.source END,
       cells = CASE WHEN $8 THEN $11::text[] ELSE p.cells END,
       source_ward = CASE WHEN $8 THEN $12 ELSE p.source_ward END,
       cells_res = CASE WHEN $8 THEN $13::smallint ELSE p.cells_res END,
       version = p.version + 1, updated_at = now(), updated_by = $14
 WHERE p.id = $1
