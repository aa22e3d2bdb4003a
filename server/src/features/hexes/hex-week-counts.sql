-- Incidents per H3 cell at resolution $3 in one UK week: incidents known to the day or the minute whose London day is
-- from Monday $4 to the Sunday after, in the categories with ids $1 (null: all) and ward $2 (null: any). The map's
-- weekly playback (issue 15). The rollups keep no week per point, so this reads incidents: only timed logs have days,
-- and one week of them is a small range of the period_start BRIN index.
SELECT h3_to_string(CASE $3::int WHEN 6 THEN l.h3_res6 WHEN 7 THEN l.h3_res7 WHEN 8 THEN l.h3_res8 WHEN 9 THEN l.h3_res9 ELSE l.h3_res10 END) AS h3,
       count(*)::int AS count
  FROM incidents i
  JOIN incident_categories k ON k.name = i.category
  JOIN locations l ON l.id = i.location_id
 WHERE i.period_precision IN ('day', 'minute')
   AND i.period_start >= $4::date::timestamp AT TIME ZONE 'Europe/London'
   AND i.period_start < ($4::date + 7)::timestamp AT TIME ZONE 'Europe/London'
   AND ($1::smallint[] IS NULL OR k.id = ANY ($1))
   AND ($2::text IS NULL OR l.ward_code = $2)
 GROUP BY 1
