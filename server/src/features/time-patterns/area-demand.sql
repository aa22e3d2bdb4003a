-- Incidents per weekday (Monday 0) and hour of UK local time inside an area ($1 GeoJSON, or null and $2 a ward's
-- code), in categories $3 (names; null: any), over the $4 months up to the latest incident with a time of day: only
-- rows precise to the minute; the rest of the area's rows in that span (a day or a month only) are counted apart.
WITH area AS (
  SELECT CASE WHEN $1::text IS NULL THEN (SELECT w.geom FROM wards w WHERE w.code = $2)
              ELSE ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)) END AS geom
), span AS (
  SELECT max(period_start) AS last_at, max(period_start) - make_interval(months => $4::int) AS first_at
    FROM incidents WHERE period_precision = 'minute'
), inside AS MATERIALIZED (
  SELECT l.id FROM locations l, area a WHERE ST_Intersects(a.geom, l.geom)
), chosen AS (
  SELECT i.period_start, i.period_precision
    FROM incidents i
    JOIN inside p ON p.id = i.location_id
   CROSS JOIN span s
   WHERE i.period_start > s.first_at AND i.period_start <= s.last_at
     AND ($3::text[] IS NULL OR i.category = ANY ($3))
)
SELECT (extract(isodow FROM period_start AT TIME ZONE 'Europe/London') - 1)::int AS weekday,
       extract(hour FROM period_start AT TIME ZONE 'Europe/London')::int AS hour,
       count(*)::int AS incidents,
       NULL::text AS first_day, NULL::text AS last_day
  FROM chosen
 WHERE period_precision = 'minute'
 GROUP BY 1, 2
UNION ALL
SELECT NULL, NULL, count(*)::int,
       (SELECT to_char(first_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') FROM span),
       (SELECT to_char(last_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') FROM span)
  FROM chosen WHERE period_precision <> 'minute'
