-- Ward $1's name, council and outline (simplified to about 10 m for the map), and whether any of its incidents from
-- $2 to $3 (UK days, end exclusive) is dated to the day or minute: a ward with none has months only.
SELECT w.code, w.name, w.council_name,
       ST_AsGeoJSON(ST_SimplifyPreserveTopology(w.geom, 0.0001), 5)::json AS outline,
       EXISTS (SELECT 1 FROM locations l JOIN incidents i ON i.location_id = l.id
                WHERE l.ward_code = w.code AND i.period_precision <> 'month'
                  AND i.period_start >= $2::date::timestamp AT TIME ZONE 'Europe/London'
                  AND i.period_start < $3::date::timestamp AT TIME ZONE 'Europe/London') AS timed
  FROM wards w
 WHERE w.code = $1
