SELECT json_build_object(
         'type', 'FeatureCollection',
         'features', coalesce(json_agg(json_build_object(
           'type', 'Feature', 'id', code, 'geometry', ST_AsGeoJSON(geom, 6)::json,
           'properties', json_build_object('code', code, 'name', name)
         ) ORDER BY name), '[]'::json)
       ) AS collection
  FROM councils
