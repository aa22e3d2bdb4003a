-- Every camera type's default view values, how many of its cameras (not removed) still rest on one of them, and how
-- many building footprints are loaded.
SELECT d.type, d.mounting_height_m, d.bearing_deg, d.fov_deg, d.range_m, d.radius_m, d.basis, d.updated_at, d.updated_by,
       (SELECT count(*)::int FROM cameras c
         WHERE c.type = d.type AND c.status <> 'removed'
           AND (c.height_assumed OR c.bearing_assumed OR c.fov_assumed OR c.range_assumed OR c.radius_assumed)) AS assumed_cameras,
       (SELECT count(*)::int FROM camera_buildings) AS buildings
  FROM camera_type_defaults d
 ORDER BY array_position(ARRAY['fixed', 'ptz', 'redeployable', 'drone'], d.type)
