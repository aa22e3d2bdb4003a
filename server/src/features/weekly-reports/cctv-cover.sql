-- Ward $1's incidents in [$2, $3) (UK days; $4 as in map-cells.sql) and how many happened at a map point inside the
-- view of a camera working today: the CCTV feature's coverage rule (features/cctv/coverage.sql), a point seen by two
-- cameras counted once. Also the working cameras placed in the ward.
WITH counted AS (
  SELECT c.location_id, c.incidents
    FROM point_month_counts c
   WHERE $4 = 'month'
     AND c.period_start >= $2::date::timestamp AT TIME ZONE 'Europe/London'
     AND c.period_start < $3::date::timestamp AT TIME ZONE 'Europe/London'
  UNION ALL
  SELECT i.location_id, 1
    FROM incidents i
   WHERE $4 = 'week'
     AND i.period_start >= $2::date::timestamp AT TIME ZONE 'Europe/London'
     AND i.period_start < $3::date::timestamp AT TIME ZONE 'Europe/London'
     AND i.period_precision <> 'month'
),
points AS (
  SELECT l.id, l.geom, sum(c.incidents)::int AS incidents
    FROM locations l
    JOIN counted c ON c.location_id = l.id
   WHERE l.ward_code = $1
   GROUP BY l.id
)
SELECT coalesce(sum(p.incidents), 0)::int AS incidents,
       coalesce(sum(p.incidents) FILTER (WHERE EXISTS (SELECT 1 FROM cameras c WHERE c.status = 'working' AND ST_Intersects(c.view_geom, p.geom))), 0)::int AS covered,
       (SELECT count(*)::int FROM cameras c WHERE c.status = 'working' AND c.ward_code = $1) AS cameras
  FROM points p
