-- Coverage by today's working cameras of the incidents from $1 to $2 (instants, the end exclusive; both null: the
-- whole period, read from location_counts) in categories $3 (ids; null: all), at map points of the wards $4 (null:
-- every point). Each working camera's view is matched to the map points inside it; a point two cameras see counts once
-- in the wards and once for each camera.
-- Answers one row: the wards' figures and the cameras' as JSON.
WITH per_point AS (
  SELECT p.location_id, p.incidents, p.harm FROM point_counts($1, $2, $3) p
), points AS MATERIALIZED (
  SELECT p.location_id, l.ward_code, l.geom, p.incidents, p.harm
    FROM per_point p
    JOIN locations l ON l.id = p.location_id
   WHERE p.incidents > 0
     AND ($4::text[] IS NULL OR l.ward_code = ANY ($4))
), seen AS MATERIALIZED (
  -- Driven from the cameras: each view tested against the map points in its box (locations_geom_idx), one prepared
  -- polygon for many points. From the points' side (a probe of the views' index per point) it took ten times longer.
  SELECT l.id AS location_id, c.id AS camera_id
    FROM cameras c
    JOIN locations l ON ST_Intersects(c.view_geom, l.geom)
   WHERE c.status = 'working'
     AND EXISTS (SELECT 1 FROM points p WHERE p.location_id = l.id)
), seers AS (
  SELECT location_id, count(*)::int AS cameras FROM seen GROUP BY location_id
), by_ward AS (
  SELECT p.ward_code,
         sum(p.incidents)::int AS incidents,
         coalesce(sum(p.incidents) FILTER (WHERE s.cameras > 0), 0)::int AS covered_incidents,
         sum(p.harm)::float8 AS harm,
         coalesce(sum(p.harm) FILTER (WHERE s.cameras > 0), 0)::float8 AS covered_harm
    FROM points p
    LEFT JOIN seers s ON s.location_id = p.location_id
   GROUP BY p.ward_code
), by_camera AS (
  SELECT v.camera_id,
         sum(p.incidents)::int AS incidents,
         sum(p.harm)::float8 AS harm,
         coalesce(sum(p.incidents) FILTER (WHERE s.cameras = 1), 0)::int AS only_incidents,
         coalesce(sum(p.harm) FILTER (WHERE s.cameras = 1), 0)::float8 AS only_harm
    FROM seen v
    JOIN points p ON p.location_id = v.location_id
    JOIN seers s ON s.location_id = v.location_id
   GROUP BY v.camera_id
)
SELECT (SELECT coalesce(json_agg(json_build_object('ward_code', b.ward_code, 'incidents', b.incidents, 'covered_incidents', b.covered_incidents,
                                                   'harm', b.harm, 'covered_harm', b.covered_harm)), '[]') FROM by_ward b) AS wards,
       (SELECT coalesce(json_agg(json_build_object('id', b.camera_id, 'incidents', b.incidents, 'harm', b.harm,
                                                   'only_incidents', b.only_incidents, 'only_harm', b.only_harm)), '[]') FROM by_camera b) AS cameras
