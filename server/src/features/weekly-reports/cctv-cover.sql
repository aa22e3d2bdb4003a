-- Ward $1's incidents in [$2, $3) (UK days; $4 as in period-counts.sql) and how many happened at a map point inside
-- the view of a camera working today: the CCTV feature's coverage rule (features/cctv/coverage.sql), a point seen by
-- two cameras counted once. Also the working cameras placed in the ward.
WITH points AS (
  SELECT l.id, l.geom, count(*)::int AS incidents
    FROM locations l
    JOIN incidents i ON i.location_id = l.id
   WHERE l.ward_code = $1
     AND i.period_start >= $2::date::timestamp AT TIME ZONE 'Europe/London'
     AND i.period_start < $3::date::timestamp AT TIME ZONE 'Europe/London'
     AND ($4 = 'month' OR i.period_precision <> 'month')
   GROUP BY l.id
)
SELECT coalesce(sum(p.incidents), 0)::int AS incidents,
       coalesce(sum(p.incidents) FILTER (WHERE EXISTS (SELECT 1 FROM cameras c WHERE c.status = 'working' AND ST_Intersects(c.view_geom, p.geom))), 0)::int AS covered,
       (SELECT count(*)::int FROM cameras c WHERE c.status = 'working' AND c.ward_code = $1) AS cameras
  FROM points p
