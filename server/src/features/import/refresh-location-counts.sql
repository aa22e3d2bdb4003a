-- Adds incidents newer than the high-water mark to location_counts and moves the mark to the newest of them: one
-- statement, so one snapshot, so the mark covers exactly the rows counted. Runs under the import lock, so no import
-- is half-written below the newest id and no other refresh runs. A category seen for the first time gets the next id
-- (arrays grow at the end); each point with new incidents gets its whole row again, old counts plus new. Incidents
-- without a point (null location_id) have no row to count under, but the mark passes them.
WITH state AS MATERIALIZED (
  SELECT counted_through FROM location_counts_state WHERE single
), added AS MATERIALIZED (
  SELECT i.location_id, i.category, count(*)::int AS incidents, max(i.id) AS newest
    FROM incidents i
   WHERE i.id > (SELECT counted_through FROM state)
   GROUP BY i.location_id, i.category
), new_categories AS (
  INSERT INTO incident_categories (id, name)
  SELECT (SELECT coalesce(max(id), 0) FROM incident_categories) + row_number() OVER (ORDER BY found.category), found.category
    FROM (SELECT DISTINCT category FROM added) AS found
   WHERE NOT EXISTS (SELECT 1 FROM incident_categories k WHERE k.name = found.category)
  RETURNING id, name
), categories AS (
  SELECT id, name FROM incident_categories
  UNION ALL
  SELECT id, name FROM new_categories
), merged AS (
  SELECT points.location_id, array_agg(coalesce(c.by_category[k.id], 0) + coalesce(a.incidents, 0) ORDER BY k.id) AS by_category
    FROM (SELECT DISTINCT location_id FROM added WHERE location_id IS NOT NULL) AS points
   CROSS JOIN categories k
    LEFT JOIN location_counts c ON c.location_id = points.location_id
    LEFT JOIN added a ON a.location_id = points.location_id AND a.category = k.name
   GROUP BY points.location_id
), marked AS (
  UPDATE location_counts_state
     SET counted_through = (SELECT max(newest) FROM added)
   WHERE single AND EXISTS (SELECT 1 FROM added)
)
INSERT INTO location_counts (location_id, total, by_category)
SELECT m.location_id, (SELECT sum(n) FROM unnest(m.by_category) AS n), m.by_category
  FROM merged m
ON CONFLICT (location_id) DO UPDATE SET total = EXCLUDED.total, by_category = EXCLUDED.by_category
