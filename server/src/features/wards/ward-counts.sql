-- Ward boundaries as one GeoJSON FeatureCollection, with each ward's incidents under the filter.
WITH counts AS (
  SELECT ward_code, count(*)::int AS count
    FROM incidents
   WHERE ward_code IS NOT NULL
     AND ($1::text IS NULL OR period_start >= (SELECT ($1 || '-01')::timestamp AT TIME ZONE 'Europe/London'))
     AND ($2::text IS NULL OR period_start < (SELECT (($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London'))
     AND ($3::text[] IS NULL OR category = ANY ($3))
   GROUP BY ward_code
)
SELECT json_build_object(
         'type', 'FeatureCollection',
         'features', coalesce(json_agg(json_build_object(
           'type', 'Feature',
           'id', w.code,
           'geometry', ST_AsGeoJSON(w.geom, 6)::json,
           'properties', json_build_object(
             'code', w.code, 'name', w.name, 'councilCode', w.council_code, 'councilName', w.council_name,
             'count', coalesce(c.count, 0),
             'label_lon', round(ST_X(w.label_point)::numeric, 6), 'label_lat', round(ST_Y(w.label_point)::numeric, 6))
         ) ORDER BY w.council_name, w.name), '[]'::json)
       ) AS collection
  FROM wards w
  LEFT JOIN counts c ON c.ward_code = w.code
