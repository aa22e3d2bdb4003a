-- A task as the evaluation reads it: its dates (and their months), area (as pg returns a geometry: hex EWKB, which
-- the counting queries take back as it is), the categories it targets (null: every category), the councils its wards
-- lie in, and, for the map, its area and the ring of $2 metres around it as GeoJSON. $1 the task's id.
SELECT t.id::int, t.title, t.status, t.source,
       to_char(t.start_date, 'YYYY-MM-DD') AS start_date, to_char(t.end_date, 'YYYY-MM-DD') AS end_date,
       to_char(t.start_date, 'YYYY-MM') AS start_month, to_char(t.end_date, 'YYYY-MM') AS end_month,
       t.geom,
       (SELECT array_agg(k.name ORDER BY k.id) FROM incident_categories k WHERE k.id = ANY (t.category_ids)) AS categories,
       (SELECT coalesce(array_agg(DISTINCT w.council_code ORDER BY w.council_code), '{}')
          FROM task_wards tw JOIN wards w ON w.code = tw.ward_code WHERE tw.task_id = t.id) AS councils,
       ST_AsGeoJSON(t.geom, 6)::json AS area_geojson,
       ST_AsGeoJSON(ST_Multi(ST_Difference(ST_Buffer(t.geom::geography, $2::float8)::geometry, t.geom)), 6)::json AS ring_geojson
  FROM tasks t
 WHERE t.id = $1
