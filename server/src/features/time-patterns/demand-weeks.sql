-- Incidents per week (Monday to Sunday in UK local time, the week named by its Monday) for the incident filter, as
-- demand-grid.sql takes it ($1, $2 the period as instants, $3 category names, $4 ward, $5 source; null: any), from
-- rows precise to the day or the minute: a month-only row (police.uk's) belongs to no one week.
SELECT to_char(date_trunc('week', i.period_start AT TIME ZONE 'Europe/London'), 'YYYY-MM-DD') AS week,
       count(*)::int AS incidents
  FROM incidents i
  LEFT JOIN locations l ON l.id = i.location_id
 WHERE i.period_precision IN ('day', 'minute')
   AND ($1::timestamptz IS NULL OR i.period_start >= $1)
   AND ($2::timestamptz IS NULL OR i.period_start < $2)
   AND ($3::text[] IS NULL OR i.category = ANY ($3))
   AND ($4::text IS NULL OR l.ward_code = $4)
   AND ($5::text IS NULL OR i.source = $5)
 GROUP BY 1
 ORDER BY 1
