-- The filter's incidents in the given cells ($6, hex strings at resolution $5), per cell, map point, police.uk place
-- name, ward and month: everything a problem location is described and scored by.
SELECT cells.cell, l.id AS location_id, i.location_text, l.ward_code, w.name AS ward_name,
       to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, count(*)::int AS incidents
  FROM incidents i
  JOIN locations l ON l.id = i.location_id
  CROSS JOIN LATERAL (SELECT h3_to_string(CASE $5::int WHEN 6 THEN l.h3_res6 WHEN 7 THEN l.h3_res7 WHEN 8 THEN l.h3_res8
                                                        WHEN 9 THEN l.h3_res9 ELSE l.h3_res10 END) AS cell) AS cells
  LEFT JOIN wards w ON w.code = l.ward_code
 WHERE cells.cell = ANY ($6)
   AND ($1::text IS NULL OR i.period_start >= ($1 || '-01')::timestamp AT TIME ZONE 'Europe/London')
   AND ($2::text IS NULL OR i.period_start < (($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London')
   AND ($3::text[] IS NULL OR i.category = ANY ($3))
   AND ($4::text IS NULL OR i.ward_code = $4)
 GROUP BY cells.cell, l.id, i.location_text, l.ward_code, w.name, month
