-- Incidents and their harm per H3 cell (resolution $5, the cell containing each map point) and UK week (Monday to
-- Sunday), for incidents known to the day or the minute whose London day is from $6 to $7 (dates, a Monday and a
-- Sunday) and in the filter ($3 category ids, $4 ward; null: any): Gi* week by week (emerging hot spots on weekly
-- slices). The rollups keep no week per point, so this reads incidents; only timed logs have days, and they are small
-- beside police.uk's month rows. Each row weighted by its category's place in harm_weight_array(), as
-- cell-month-values.sql does. The week is sent as its Monday in epoch days.
SELECT h3_to_string(c.cell) AS cell,
       (date_trunc('week', i.period_start AT TIME ZONE 'Europe/London')::date - DATE '1970-01-01') AS monday,
       count(*)::int AS incidents,
       coalesce(sum((SELECT harm_weight_array())[k.id]), 0)::float8 AS harm
  FROM incidents i
  JOIN incident_categories k ON k.name = i.category
  JOIN locations l ON l.id = i.location_id
 CROSS JOIN LATERAL (SELECT CASE $5::int WHEN 6 THEN l.h3_res6 WHEN 7 THEN l.h3_res7 WHEN 8 THEN l.h3_res8
                                         WHEN 9 THEN l.h3_res9 ELSE l.h3_res10 END AS cell) AS c
 WHERE i.period_precision IN ('day', 'minute')
   AND i.period_start >= $6::date::timestamp AT TIME ZONE 'Europe/London'
   AND i.period_start < ($7::date + 1)::timestamp AT TIME ZONE 'Europe/London'
   AND ($1::timestamptz IS NULL OR i.period_start >= $1)
   AND ($2::timestamptz IS NULL OR i.period_start < $2)
   AND ($3::smallint[] IS NULL OR k.id = ANY ($3))
   AND ($4::text IS NULL OR l.ward_code = $4)
 GROUP BY 1, 2
