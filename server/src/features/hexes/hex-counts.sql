-- Incidents per H3 cell at resolution $5: the cell containing each incident's map point (h3-js latLngToCell, kept per
-- location). The whole period, the default view, sums location_counts (one row per point) plus any incidents newer
-- than its high-water mark; a month range counts the incidents themselves. Conditions on parameters alone are
-- one-time filters, so only the branch that applies runs.
WITH wanted AS MATERIALIZED (
  SELECT array_agg(k.id) AS ids FROM incident_categories k WHERE k.name = ANY ($3::text[])
), counted AS (
  SELECT c.location_id,
         CASE WHEN $3::text[] IS NULL THEN c.total
              ELSE (SELECT coalesce(sum(c.by_category[k]), 0) FROM unnest((SELECT ids FROM wanted)) AS k) END AS incidents
    FROM location_counts c
   WHERE $1::text IS NULL AND $2::text IS NULL
  UNION ALL
  SELECT n.location_id, 1
    FROM incidents_not_counted() n
   WHERE $1::text IS NULL AND $2::text IS NULL
     AND ($3::text[] IS NULL OR n.category = ANY ($3))
  UNION ALL
  SELECT i.location_id, 1
    FROM incidents i
   WHERE ($1::text IS NOT NULL OR $2::text IS NOT NULL)
     AND ($1::text IS NULL OR i.period_start >= ($1 || '-01')::timestamp AT TIME ZONE 'Europe/London')
     AND ($2::text IS NULL OR i.period_start < (($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London')
     AND ($3::text[] IS NULL OR i.category = ANY ($3))
), per_location AS (
  SELECT location_id, sum(incidents) AS incidents FROM counted GROUP BY location_id
), per_cell AS (
  SELECT CASE $5::int WHEN 6 THEN l.h3_res6 WHEN 7 THEN l.h3_res7 WHEN 8 THEN l.h3_res8 WHEN 9 THEN l.h3_res9 ELSE l.h3_res10 END AS cell,
         p.incidents
    FROM per_location p
    JOIN locations l ON l.id = p.location_id
   WHERE p.incidents > 0
     AND ($4::text IS NULL OR l.ward_code = $4)
)
SELECT h3_to_string(cell) AS h3, sum(incidents)::int AS count
  FROM per_cell
 GROUP BY cell
