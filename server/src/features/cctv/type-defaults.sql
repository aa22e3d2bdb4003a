-- Every camera type's default view values, with how many building footprints are loaded.
SELECT d.type, d.mounting_height_m, d.bearing_deg, d.fov_deg, d.range_m, d.radius_m, d.basis, d.updated_at, d.updated_by,
       (SELECT count(*)::int FROM camera_buildings) AS buildings
  FROM camera_type_defaults d
 ORDER BY array_position(ARRAY['fixed', 'ptz', 'redeployable', 'drone'], d.type)
