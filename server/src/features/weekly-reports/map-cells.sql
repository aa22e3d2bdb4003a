-- Ward $1's incidents in [$2, $3) (UK days) per H3 cell at resolution 8 (about 0.7 km²: a street block, never a
-- door), for the report's map; $4 as in period-counts.sql ('month': point_month_counts; 'week': the incidents dated
-- to the day or minute). Cells come back as text for h3-js.
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
)
SELECT to_hex(l.h3_res8) AS cell, sum(c.incidents)::int AS count
  FROM locations l
  JOIN counted c ON c.location_id = l.id
 WHERE l.ward_code = $1
   AND l.h3_res8 IS NOT NULL
 GROUP BY l.h3_res8
HAVING sum(c.incidents) <> 0
