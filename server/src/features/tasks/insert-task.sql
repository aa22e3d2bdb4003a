-- A new task, proposed, version 1. The area: $14 GeoJSON, or the outline of the ward $17 when $14 is null.
INSERT INTO tasks (title, problem, category_ids, key_times, lead_team_id, dosage_visits_per_week, dosage_minutes,
                   start_date, end_date, meeting_id, pop_id, created_by, updated_by,
                   geom, source, cells, cells_res, source_ward)
SELECT $1, $2, $3::smallint[], $4::bit(168), $5, $6, $7, $8::date, $9::date, $10, $11, $12, $12,
       CASE WHEN $14::text IS NULL THEN (SELECT w.geom FROM wards w WHERE w.code = $17)
            ELSE ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($14), 4326)) END,
       $13, $15::text[], $16, $17
RETURNING id::int
