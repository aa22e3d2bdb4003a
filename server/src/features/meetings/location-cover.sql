-- How much of each ranked problem location the open tasks cover. $1 a JSON array of {rank, geometry} (the location's
-- cells as one GeoJSON MultiPolygon); $2 the open statuses. For each location: the open task whose area holds the
-- largest share of the location's area (planar shares in EPSG:4326, as task_wards measures them: a ratio within a few
-- kilometres is the ground's), none when no open task touches it. "Covered" (agenda.ts): a share of at least one half.
WITH location AS (
  SELECT (e ->> 'rank')::int AS rank, ST_SetSRID(ST_GeomFromGeoJSON(e ->> 'geometry'), 4326) AS geom
    FROM json_array_elements($1::json) AS e
)
SELECT l.rank, best.task_id, best.title, best.share
  FROM location l
  LEFT JOIN LATERAL (
    SELECT t.id::int AS task_id, t.title, ST_Area(ST_Intersection(t.geom, l.geom)) / nullif(ST_Area(l.geom), 0) AS share
      FROM tasks t
     WHERE t.status = ANY ($2::text[]) AND ST_Intersects(t.geom, l.geom)
     ORDER BY 3 DESC NULLS LAST, t.id
     LIMIT 1
  ) AS best ON true
 ORDER BY l.rank
