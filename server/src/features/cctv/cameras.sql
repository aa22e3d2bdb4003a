-- Cameras as the API answers with them. $1 one camera's id (null: every camera the filters keep); filters: $2 types,
-- $3 statuses (null: any), $4 ward code, $5 owner (any case), $6 words in the reference, name or location (any
-- case), $7 true: only cameras with an assumed value, false: only without; $8 illustrative or not; $9 with the view
-- polygons; $10 limit, $11 offset. total: how many match before the limit.
SELECT c.id::int, c.owner, c.reference, c.name, c.location, c.stated_ward, c.type, c.status,
       c.mounting_height_m, c.bearing_deg, c.fov_deg, c.range_m, c.radius_m,
       c.type_assumed, c.height_assumed, c.bearing_assumed, c.fov_assumed, c.range_assumed, c.radius_assumed,
       to_char(c.deployed_from, 'YYYY-MM-DD') AS deployed_from, to_char(c.deployed_until, 'YYYY-MM-DD') AS deployed_until,
       c.notes, c.illustrative, c.source, ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat,
       c.ward_code, w.name AS ward_name,
       CASE WHEN $9::boolean THEN ST_AsGeoJSON(c.view_geom, 7)::json END AS view_geometry,
       coalesce(ST_Area(c.view_geom::geography), 0) AS view_area_m2,
       c.version, c.created_at, c.updated_at,
       (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM users u WHERE u.id = c.updated_by) AS updated_by,
       count(*) OVER ()::int AS total
  FROM cameras c
  LEFT JOIN wards w ON w.code = c.ward_code
 WHERE ($1::bigint IS NULL OR c.id = $1)
   AND ($2::text[] IS NULL OR c.type = ANY ($2))
   AND ($3::text[] IS NULL OR c.status = ANY ($3))
   AND ($4::text IS NULL OR c.ward_code = $4)
   AND ($5::text IS NULL OR lower(c.owner) = lower($5))
   AND ($6::text IS NULL OR strpos(lower(c.reference || ' ' || c.name || ' ' || c.location), lower($6)) > 0)
   AND ($7::boolean IS NULL OR (c.type_assumed OR (CASE c.type WHEN 'drone' THEN c.height_assumed OR c.radius_assumed
                     WHEN 'ptz' THEN c.height_assumed OR c.bearing_assumed OR c.range_assumed
                     ELSE c.height_assumed OR c.bearing_assumed OR c.fov_assumed OR c.range_assumed END)) = $7)
   AND ($8::boolean IS NULL OR c.illustrative = $8)
 ORDER BY c.status = 'removed', lower(c.owner), c.reference, c.id
 LIMIT $10 OFFSET $11
