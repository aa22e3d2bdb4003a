-- Ward $1's incidents in [$2, $3) (UK days) per H3 cell at resolution 8 (about 0.7 km²: a street block, never a
-- door), for the report's map; $4 as in period-counts.sql. Cells come back as text for h3-js.
SELECT to_hex(l.h3_res8) AS cell, count(*)::int AS count
  FROM locations l
  JOIN incidents i ON i.location_id = l.id
 WHERE l.ward_code = $1
   AND i.period_start >= $2::date::timestamp AT TIME ZONE 'Europe/London'
   AND i.period_start < $3::date::timestamp AT TIME ZONE 'Europe/London'
   AND ($4 = 'month' OR i.period_precision <> 'month')
   AND l.h3_res8 IS NOT NULL
 GROUP BY l.h3_res8
