-- Everything the problem-location analysis reads, in one pass over the counted incidents (GROUPING SETS):
--   kind 'cell':  incidents and harm per H3 cell (resolution $5, the cell containing the map point) and month;
--   kind 'place': incidents and harm per map point and police.uk place name, for naming and describing clusters.
-- Reads live_point_month_counts (incidents per point, month, category and place: a fifth of the bytes of incidents)
-- and weights each row by its category id's place in harm_weight_array(). Grouped on the stored period start, not its
-- month, and the start sent as epoch seconds: converting to London time or text per group cost more than the grouping;
-- the caller turns the few distinct starts into months.
SELECT CASE WHEN grouping(c.cell) = 0 THEN 'cell' ELSE 'place' END AS kind,
       h3_to_string(c.cell) AS cell,
       extract(epoch FROM r.period_start)::int AS start_epoch,
       l.id AS location_id,
       r.location_text,
       sum(r.incidents)::int AS incidents,
       coalesce(sum(r.incidents * (SELECT harm_weight_array())[r.category_id]), 0)::float8 AS harm
  FROM live_point_month_counts r
  JOIN locations l ON l.id = r.location_id
 CROSS JOIN LATERAL (SELECT CASE $5::int WHEN 6 THEN l.h3_res6 WHEN 7 THEN l.h3_res7 WHEN 8 THEN l.h3_res8
                                         WHEN 9 THEN l.h3_res9 ELSE l.h3_res10 END AS cell) AS c
 WHERE r.period_start >= (SELECT ($1 || '-01')::timestamp AT TIME ZONE 'Europe/London')
   AND r.period_start < (SELECT (($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London')
   AND ($3::text[] IS NULL OR r.category_id = ANY ((SELECT category_ids($3))::smallint[]))
   AND ($4::text IS NULL OR l.ward_code = $4)
 GROUP BY GROUPING SETS ((c.cell, r.period_start), (l.id, r.location_text))
