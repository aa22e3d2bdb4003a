-- Incidents per H3 cell at resolution $5, of the categories with ids $3 (null: all): the cell containing each incident's map point (h3-js latLngToCell, kept per
-- location). The whole period, the default view, reads location_counts (per point and category, the total under 0); a month range ($1, $2:
-- instants, counts/count-bounds.ts) adds up point_month_counts point by point. Both are kept exact by counts/.
-- Conditions on parameters alone are one-time filters, so only the branch that applies runs. Sums stay integer: a
-- bigint sum is numeric, and numeric arithmetic took a quarter of the query's time.
WITH wanted AS MATERIALIZED (
  -- A point's count for the categories asked for: its total, less the other categories' counts when fewer categories
  -- are left out than asked for (no categories asked: all of them), else the asked categories' counts added up.
  SELECT cardinality(others) < cardinality(named) AS from_total,
         CASE WHEN cardinality(others) < cardinality(named) THEN others ELSE named END AS terms
    FROM (SELECT coalesce(array_agg(k.id) FILTER (WHERE $3::smallint[] IS NULL OR k.id = ANY ($3)), '{}') AS named,
                 coalesce(array_agg(k.id) FILTER (WHERE NOT (k.id = ANY ($3))), '{}') AS others
            FROM incident_categories k) AS split
), counted AS (
  SELECT c.location_id, c.incidents
    FROM wanted w
    JOIN location_counts c ON c.category_id = 0
   WHERE $1::timestamptz IS NULL AND $2::timestamptz IS NULL AND w.from_total
  UNION ALL
  SELECT c.location_id, CASE WHEN w.from_total THEN -c.incidents ELSE c.incidents END
    FROM wanted w
   CROSS JOIN unnest(w.terms) AS k
    JOIN location_counts c ON c.category_id = k
   WHERE $1::timestamptz IS NULL AND $2::timestamptz IS NULL
  UNION ALL
  SELECT p.location_id, sum(p.incidents)::int
    FROM point_month_counts p
   WHERE ($1::timestamptz IS NOT NULL OR $2::timestamptz IS NOT NULL)
     AND ($1::timestamptz IS NULL OR p.period_start >= $1)
     AND ($2::timestamptz IS NULL OR p.period_start < $2)
     AND ($3::smallint[] IS NULL OR p.category_id = ANY ($3))
   GROUP BY p.location_id
)
SELECT h3_to_string(cell) AS h3, sum(incidents)::int AS count
  FROM (SELECT CASE $5::int WHEN 6 THEN l.h3_res6 WHEN 7 THEN l.h3_res7 WHEN 8 THEN l.h3_res8 WHEN 9 THEN l.h3_res9 ELSE l.h3_res10 END AS cell,
               c.incidents
          FROM counted c
          JOIN locations l ON l.id = c.location_id
         WHERE $4::text IS NULL OR l.ward_code = $4) AS per_point
 GROUP BY cell
HAVING sum(incidents) > 0
