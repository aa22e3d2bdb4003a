-- Everything the problem-location analysis reads from incidents, in one pass over them (GROUPING SETS):
--   kind 'cell':  incidents and harm per H3 cell (resolution $5, the cell containing the map point) and month;
--   kind 'place': incidents and harm per map point and police.uk place name, for naming and describing clusters.
SELECT CASE WHEN grouping(c.cell) = 0 THEN 'cell' ELSE 'place' END AS kind,
       h3_to_string(c.cell) AS cell,
       to_char(m.month, 'YYYY-MM') AS month,
       l.id AS location_id,
       i.location_text,
       count(*)::int AS incidents,
       coalesce(sum(hw.weight), 0)::float8 AS harm
  FROM incidents i
  JOIN locations l ON l.id = i.location_id
  LEFT JOIN harm_weights hw ON hw.category = i.category
  CROSS JOIN LATERAL (SELECT CASE $5::int WHEN 6 THEN l.h3_res6 WHEN 7 THEN l.h3_res7 WHEN 8 THEN l.h3_res8
                                          WHEN 9 THEN l.h3_res9 ELSE l.h3_res10 END AS cell) AS c
  CROSS JOIN LATERAL (SELECT date_trunc('month', i.period_start AT TIME ZONE 'Europe/London') AS month) AS m
 WHERE i.period_start >= ($1 || '-01')::timestamp AT TIME ZONE 'Europe/London'
   AND i.period_start < (($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London'
   AND ($3::text[] IS NULL OR i.category = ANY ($3))
   AND ($4::text IS NULL OR i.ward_code = $4)
 GROUP BY GROUPING SETS ((c.cell, m.month), (l.id, i.location_text))
