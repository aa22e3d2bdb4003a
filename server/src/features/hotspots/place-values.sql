-- Incidents and their harm from $1 to $2 (instants, the end exclusive) per map point and police.uk place name ("On or near …"), with the point's cell at
-- resolution $5 and its ward, for naming and describing problem locations. Reads the counted incidents
-- (point_month_counts; see cell-month-values.sql); points are joined after grouping, a few thousand rows.
SELECT p.location_id, p.location_text,
       h3_to_string(CASE $5::int WHEN 6 THEN l.h3_res6 WHEN 7 THEN l.h3_res7 WHEN 8 THEN l.h3_res8
                                 WHEN 9 THEN l.h3_res9 ELSE l.h3_res10 END) AS cell,
       l.ward_code, w.name AS ward_name, p.incidents, p.harm
  FROM (SELECT r.location_id, r.location_text,
               sum(r.incidents)::int AS incidents,
               coalesce(sum(r.incidents * (SELECT harm_weight_array())[r.category_id]), 0)::float8 AS harm
          FROM point_month_counts r
         WHERE r.period_start >= $1::timestamptz
           AND r.period_start < $2::timestamptz
           AND ($3::smallint[] IS NULL OR r.category_id = ANY ($3))
         GROUP BY r.location_id, r.location_text
        HAVING sum(r.incidents) <> 0) AS p
  JOIN locations l ON l.id = p.location_id
  LEFT JOIN wards w ON w.code = l.ward_code
 WHERE $4::text IS NULL OR l.ward_code = $4
