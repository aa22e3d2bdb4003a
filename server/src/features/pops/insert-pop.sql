-- A new POP, open, version 1. The area: $9 GeoJSON, or the outline of the ward $12 when $9 is null (as insert-task.sql).
INSERT INTO pops (title, problem, owner_id, partner_team_ids, sara_stage, review_on, created_by, updated_by,
                  source, geom, cells, cells_res, source_ward)
SELECT $1, $2, $3, $4::bigint[], $5, $6::date, $7, $7,
       $8,
       CASE WHEN $9::text IS NULL THEN (SELECT w.geom FROM wards w WHERE w.code = $12)
            ELSE ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($9), 4326)) END,
       $10::text[], $11, $12
RETURNING id::int
