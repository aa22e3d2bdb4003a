-- Every map point's cell at resolution $1 and its ward, to place the per-point counts in cells and wards.
SELECT l.id AS location_id, h3_to_string(CASE $1::int WHEN 6 THEN l.h3_res6 WHEN 7 THEN l.h3_res7 WHEN 8 THEN l.h3_res8
                                                     WHEN 9 THEN l.h3_res9 ELSE l.h3_res10 END) AS cell,
       l.ward_code, w.name AS ward_name
  FROM locations l
  LEFT JOIN wards w ON w.code = l.ward_code
