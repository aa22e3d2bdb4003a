-- What is behind one H3 cell: its incidents from $1 to $2 (instants, the end exclusive), of the categories with ids
-- $3 (null: all), by category, by month, by police.uk place and by ward, with their harm. The cell is $5 (the H3
-- index as a bigint) at resolution $4: the points whose stored cell at that resolution it is, so the figures are the
-- counts /api/hexes gives the cell. One pass over the counted incidents, grouped four ways at once.
WITH points AS MATERIALIZED (
  SELECT l.id, l.ward_code
    FROM locations l
   WHERE CASE $4::int WHEN 6 THEN l.h3_res6 WHEN 7 THEN l.h3_res7 WHEN 8 THEN l.h3_res8
                      WHEN 9 THEN l.h3_res9 ELSE l.h3_res10 END = $5::bigint
), counted AS (
  SELECT r.category_id, r.period_start, r.location_text, p.ward_code, r.incidents,
         r.incidents * coalesce((SELECT harm_weight_array())[r.category_id], 0) AS harm
    FROM point_month_counts r
    JOIN points p ON p.id = r.location_id
   WHERE ($1::timestamptz IS NULL OR r.period_start >= $1)
     AND ($2::timestamptz IS NULL OR r.period_start < $2)
     AND ($3::smallint[] IS NULL OR r.category_id = ANY ($3))
)
SELECT CASE GROUPING(c.category_id, c.period_start, c.location_text, c.ward_code)
         WHEN 7 THEN 'category' WHEN 11 THEN 'month' WHEN 13 THEN 'place' ELSE 'ward' END AS kind,
       k.name AS category,
       to_char(c.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month,
       c.location_text AS place,
       c.ward_code, min(w.name) AS ward_name,
       sum(c.incidents)::int AS incidents, sum(c.harm)::float8 AS harm
  FROM counted c
  LEFT JOIN incident_categories k ON k.id = c.category_id
  LEFT JOIN wards w ON w.code = c.ward_code
 GROUP BY GROUPING SETS ((c.category_id, k.name), (c.period_start), (c.location_text), (c.ward_code))
HAVING sum(c.incidents) <> 0
