-- Incidents per region, period and category for the WDD: in a task area, in the ring around it (the area buffered by
-- $3 metres on the geography, less the area itself) and in a control area (less the task area and its ring: a place
-- is counted in one region only, the first of task area, ring, control that holds it), in a period before and a
-- period after. $1 the task area and $2 the control, in EPSG:4326 as PostGIS reads a geometry from text (the hex EWKB
-- pg returns for a geometry column, or (E)WKT); $4, $5 the before period's bounds and $6, $7 the after period's
-- (instants, the ends exclusive: counts/count-bounds.ts monthBounds); $8 category ids (null: every category). Each
-- category's harm weight comes with its rows, as the hotspots read it (harm_weight_array()). Reads the counted
-- incidents (point_month_counts); the places are found first, through the points' spatial index. One row per region,
-- month and category, so the same reading gives the periods' totals and the monthly series the chart draws.
WITH regions AS (
  SELECT area, ST_Buffer(area::geography, $3::float8)::geometry AS ringed, control
    FROM (SELECT ST_SetSRID($1::geometry, 4326) AS area, ST_SetSRID($2::geometry, 4326) AS control) AS given
),
placed AS (
  -- Two lookups rather than one join on "in the ring OR in the control": an OR of two spatial tests uses neither
  -- index, and read every point (0.5 s on the real data).
  SELECT l.id, CASE WHEN ST_Intersects(r.area, l.geom) THEN 'treated' ELSE 'buffer' END AS region
    FROM regions r
    JOIN locations l ON ST_Intersects(r.ringed, l.geom)
  UNION ALL
  SELECT l.id, 'control'
    FROM regions r
    JOIN locations l ON ST_Intersects(r.control, l.geom)
   WHERE NOT ST_Intersects(r.ringed, l.geom)
)
SELECT p.region,
       to_char(c.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month,
       k.name AS category,
       sum(c.incidents)::int AS incidents,
       coalesce((SELECT harm_weight_array())[c.category_id], 0)::float8 AS harm_weight
  FROM placed p
  JOIN point_month_counts c ON c.location_id = p.id
  JOIN incident_categories k ON k.id = c.category_id
 WHERE ($8::smallint[] IS NULL OR c.category_id = ANY ($8))
   AND ((c.period_start >= $4::timestamptz AND c.period_start < $5::timestamptz)
     OR (c.period_start >= $6::timestamptz AND c.period_start < $7::timestamptz))
 GROUP BY p.region, c.period_start, k.name, c.category_id
HAVING sum(c.incidents) <> 0
