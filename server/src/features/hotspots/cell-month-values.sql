-- Incidents and their harm per H3 cell (resolution $5, the cell containing each map point) and month, for Gi* period by period.
-- Grouped on the stored bigint and the month's start; only the groups are formatted.
SELECT h3_to_string(cell) AS cell, to_char(month, 'YYYY-MM') AS month, incidents, harm
  FROM (SELECT CASE $5::int WHEN 6 THEN l.h3_res6 WHEN 7 THEN l.h3_res7 WHEN 8 THEN l.h3_res8
                            WHEN 9 THEN l.h3_res9 ELSE l.h3_res10 END AS cell,
               date_trunc('month', i.period_start AT TIME ZONE 'Europe/London') AS month,
               count(*)::int AS incidents,
               coalesce(sum(hw.weight), 0)::float8 AS harm
          FROM incidents i
          JOIN locations l ON l.id = i.location_id
          LEFT JOIN harm_weights hw ON hw.category = i.category
         WHERE ($1::text IS NULL OR i.period_start >= ($1 || '-01')::timestamp AT TIME ZONE 'Europe/London')
           AND ($2::text IS NULL OR i.period_start < (($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London')
           AND ($3::text[] IS NULL OR i.category = ANY ($3))
           AND ($4::text IS NULL OR i.ward_code = $4)
         GROUP BY 1, 2) AS counted
