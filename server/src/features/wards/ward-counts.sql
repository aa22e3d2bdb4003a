-- Ward boundaries as one GeoJSON FeatureCollection, with each ward's incidents under the filter ($1, $2: the period as
-- instants; $3 categories), read from ward_month_counts (counts/), and in the equal period before ($4 to $5, the end
-- exclusive; both null when it is not to be compared with: previousCount is then null). One scan serves both periods.
WITH counts AS (
  SELECT ward_code,
         sum(incidents) FILTER (WHERE ($1::timestamptz IS NULL OR period_start >= $1)
                                  AND ($2::timestamptz IS NULL OR period_start < $2))::int AS count,
         sum(incidents) FILTER (WHERE period_start >= $4::timestamptz AND period_start < $5::timestamptz)::int AS previous
    FROM ward_month_counts
   WHERE ward_code IS NOT NULL
     AND (($1::timestamptz IS NULL OR period_start >= $1) AND ($2::timestamptz IS NULL OR period_start < $2)
          OR period_start >= $4::timestamptz AND period_start < $5::timestamptz)
     AND ($3::smallint[] IS NULL OR category_id = ANY ($3))
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
             'previousCount', CASE WHEN $4::timestamptz IS NOT NULL THEN coalesce(c.previous, 0) END,
             'label_lon', round(ST_X(w.label_point)::numeric, 6), 'label_lat', round(ST_Y(w.label_point)::numeric, 6))
         ) ORDER BY w.council_name, w.name), '[]'::json)
       ) AS collection
  FROM wards w
  LEFT JOIN counts c ON c.ward_code = w.code
