-- Incidents and their harm from $1 to $2 (instants, the end exclusive; null: open) per H3 cell (resolution $5, the cell
-- containing each map point) and month, for Gi* period by period (emerging hot spots, problem locations, forecast accuracy). Reads point_month_counts, the incidents
-- counted per point, month, category and place (a fifth of the bytes of incidents), and weights each row by its
-- category id's place in harm_weight_array(). Grouped on the stored bigint and the stored period start, sent as epoch
-- seconds (converting to London time or text per group cost more than the grouping), so a month may come in several
-- rows for data with days or times, which the caller adds up.
SELECT h3_to_string(c.cell) AS cell,
       extract(epoch FROM r.period_start)::int AS start_epoch,
       sum(r.incidents)::int AS incidents,
       coalesce(sum(r.incidents * (SELECT harm_weight_array())[r.category_id]), 0)::float8 AS harm
  FROM point_month_counts r
  JOIN locations l ON l.id = r.location_id
 CROSS JOIN LATERAL (SELECT CASE $5::int WHEN 6 THEN l.h3_res6 WHEN 7 THEN l.h3_res7 WHEN 8 THEN l.h3_res8
                                         WHEN 9 THEN l.h3_res9 ELSE l.h3_res10 END AS cell) AS c
 WHERE ($1::timestamptz IS NULL OR r.period_start >= $1)
   AND ($2::timestamptz IS NULL OR r.period_start < $2)
   AND ($3::smallint[] IS NULL OR r.category_id = ANY ($3))
   AND ($4::text IS NULL OR l.ward_code = $4)
 GROUP BY c.cell, r.period_start
HAVING sum(r.incidents) <> 0
