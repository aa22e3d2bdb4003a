-- Incidents per weekday (Monday 0 … Sunday 6) and hour of UK local time, for the incident filter ($1, $2 the period
-- as instants, $3 category names, $4 ward, $5 source; null: any), from rows precise to the minute only; the rows the
-- filter holds that are less precise (a day or a month: police.uk's) are counted apart, to say how many were left out.
-- Read from incidents: the rollups count months, and hours are finer than any rollup keeps.
WITH chosen AS (
  SELECT i.period_start, i.period_precision
    FROM incidents i
    LEFT JOIN locations l ON l.id = i.location_id
   WHERE ($1::timestamptz IS NULL OR i.period_start >= $1)
     AND ($2::timestamptz IS NULL OR i.period_start < $2)
     AND ($3::text[] IS NULL OR i.category = ANY ($3))
     AND ($4::text IS NULL OR l.ward_code = $4)
     AND ($5::text IS NULL OR i.source = $5)
)
SELECT (extract(isodow FROM period_start AT TIME ZONE 'Europe/London') - 1)::int AS weekday,
       extract(hour FROM period_start AT TIME ZONE 'Europe/London')::int AS hour,
       count(*)::int AS incidents
  FROM chosen
 WHERE period_precision = 'minute'
 GROUP BY 1, 2
UNION ALL
SELECT NULL, NULL, count(*)::int FROM chosen WHERE period_precision <> 'minute'
