-- Every camera type's default view values, how many of its cameras (not removed) still rest on one of them (of the
-- values the type uses: camera-types.ts TYPE_VIEW_PARAMETERS), and how many building footprints are loaded.
SELECT d.type, d.mounting_height_m, d.bearing_deg, d.fov_deg, d.range_m, d.radius_m, d.basis, d.updated_at, d.updated_by,
       (SELECT count(*)::int FROM cameras c
         WHERE c.type = d.type AND c.status <> 'removed'
           AND (CASE c.type WHEN 'drone' THEN c.height_assumed OR c.radius_assumed
                     WHEN 'ptz' THEN c.height_assumed OR c.bearing_assumed OR c.range_assumed
                     ELSE c.height_assumed OR c.bearing_assumed OR c.fov_assumed OR c.range_assumed END)) AS assumed_cameras,
       (SELECT count(*)::int FROM camera_buildings) AS buildings
  FROM camera_type_defaults d
 ORDER BY array_position(ARRAY['fixed', 'ptz', 'redeployable', 'drone'], d.type)
