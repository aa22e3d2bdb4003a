-- Other tasks that ran in the places an evaluation compares (the task area with its ring, or the control) during its
-- months: the change cannot be put down to the task alone. A proposed task has not run, so it is left out. $1 the
-- task's id, $2 its area (hex EWKB), $3 the ring's width in metres, $4 the control (WKT), $5 the first month of the
-- before period and $6 the last month of the after period (YYYY-MM).
SELECT t.id::int, t.title
  FROM tasks t
 WHERE t.id <> $1
   AND t.status <> 'proposed'
   AND t.start_date < to_date($6, 'YYYY-MM') + interval '1 month'
   AND t.end_date >= to_date($5, 'YYYY-MM')
   AND (ST_Intersects(t.geom, ST_Buffer(ST_SetSRID($2::geometry, 4326)::geography, $3::float8)::geometry)
        OR ST_Intersects(t.geom, ST_SetSRID($4::geometry, 4326)))
 ORDER BY t.id
