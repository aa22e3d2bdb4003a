-- Everything the problem-location analysis reads from incidents, in one pass over them (GROUPING SETS):
--   kind 'cell':  incidents and harm per H3 cell (resolution $5, the cell containing the map point) and month;
--   kind 'place': incidents and harm per map point and police.uk place name, for naming and describing clusters.
-- Grouped on the stored period start rather than its month: converting every row to London time cost more than the
-- rest of the query (a few dozen starts per month at most, which the caller adds up by month).
SELECT CASE WHEN grouping(c.cell) = 0 THEN 'cell' ELSE 'place' END AS kind,
       h3_to_string(c.cell) AS cell,
       to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month,
       l.id AS location_id,
       i.location_text,
       count(*)::int AS incidents,
       coalesce(sum(hw.weight), 0)::float8 AS harm
  FROM incidents i
  JOIN locations l ON l.id = i.location_id
  LEFT JOIN harm_weights hw ON hw.category = i.category
  CROSS JOIN LATERAL (SELECT CASE $5::int WHEN 6 THEN l.h3_res6 WHEN 7 THEN l.h3_res7 WHEN 8 THEN l.h3_res8
                                          WHEN 9 THEN l.h3_res9 ELSE l.h3_res10 END AS cell) AS c
 WHERE i.period_start >= (SELECT ($1 || '-01')::timestamp AT TIME ZONE 'Europe/London')
   AND i.period_start < (SELECT (($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London')
   AND ($3::text[] IS NULL OR i.category = ANY ($3))
   AND ($4::text IS NULL OR i.ward_code = $4)
 GROUP BY GROUPING SETS ((c.cell, i.period_start), (l.id, i.location_text))
