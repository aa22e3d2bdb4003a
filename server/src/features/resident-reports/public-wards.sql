-- The wards as the public form draws them: names and outlines only (the ONS's published boundaries, no counts), with
-- the point to centre on; five decimals (about a metre) keep the answer small on a phone's connection.
SELECT json_build_object(
  'type', 'FeatureCollection',
  'features', coalesce(json_agg(json_build_object(
    'type', 'Feature', 'id', w.code,
    'geometry', ST_AsGeoJSON(w.geom, 5)::json,
    'properties', json_build_object('code', w.code, 'name', w.name, 'lon', round(ST_X(w.label_point)::numeric, 5), 'lat', round(ST_Y(w.label_point)::numeric, 5))
  ) ORDER BY w.code), '[]')
) AS collection
FROM wards w
