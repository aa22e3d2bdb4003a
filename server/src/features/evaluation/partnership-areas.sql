-- All targeted areas against the rest of their councils: incidents in the union of the task areas $1 (task ids), and
-- in the rest of the councils those areas lie in, in the previous period ($2, $3) and the period ($4, $5) (instants,
-- ends exclusive); $6 category ids (null: every category). A place in the union counts as targeted whatever its
-- council; a place of those councils outside the union counts as the rest. The councils come with every row.
WITH targeted AS (
  SELECT ST_Union(t.geom) AS geom FROM tasks t WHERE t.id = ANY ($1::bigint[])
),
councils AS (
  SELECT coalesce(array_agg(DISTINCT w.council_code ORDER BY w.council_code), '{}') AS codes
    FROM task_wards tw JOIN wards w ON w.code = tw.ward_code
   WHERE tw.task_id = ANY ($1::bigint[])
),
placed AS (
  SELECT l.id, ST_Intersects(t.geom, l.geom) AS inside
    FROM targeted t
    CROSS JOIN councils c
    JOIN locations l ON ST_Intersects(t.geom, l.geom)
                     OR l.ward_code IN (SELECT w.code FROM wards w WHERE w.council_code = ANY (c.codes))
)
SELECT (SELECT codes FROM councils) AS councils,
       p.inside,
       c.period_start >= $4::timestamptz AS current,
       sum(c.incidents)::int AS incidents
  FROM placed p
  JOIN point_month_counts c ON c.location_id = p.id
 WHERE ($6::smallint[] IS NULL OR c.category_id = ANY ($6))
   AND ((c.period_start >= $2::timestamptz AND c.period_start < $3::timestamptz)
     OR (c.period_start >= $4::timestamptz AND c.period_start < $5::timestamptz))
 GROUP BY p.inside, 3
