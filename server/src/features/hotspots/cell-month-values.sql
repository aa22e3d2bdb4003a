-- Incidents and their harm per H3 cell (resolution $5, the cell containing each map point) and month, for Gi* period by period.
-- Grouped on the stored bigint and the stored period start (converting every row to London time cost more than the
-- rest), so a month may come in several rows for data with days or times, which the caller adds up.
SELECT h3_to_string(cell) AS cell, to_char(period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, incidents, harm
  FROM (SELECT CASE $5::int WHEN 6 THEN l.h3_res6 WHEN 7 THEN l.h3_res7 WHEN 8 THEN l.h3_res8
                            WHEN 9 THEN l.h3_res9 ELSE l.h3_res10 END AS cell,
               i.period_start,
               count(*)::int AS incidents,
               coalesce(sum(hw.weight), 0)::float8 AS harm
          FROM incidents i
          JOIN locations l ON l.id = i.location_id
          LEFT JOIN harm_weights hw ON hw.category = i.category
         WHERE ($1::text IS NULL OR i.period_start >= (SELECT ($1 || '-01')::timestamp AT TIME ZONE 'Europe/London'))
           AND ($2::text IS NULL OR i.period_start < (SELECT (($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London'))
           AND ($3::text[] IS NULL OR i.category = ANY ($3))
           AND ($4::text IS NULL OR i.ward_code = $4)
         GROUP BY 1, 2) AS counted
