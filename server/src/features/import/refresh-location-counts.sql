-- Adds incidents newer than the high-water mark to location_counts and moves the mark to the newest of them: one
-- statement, so one snapshot, so the mark covers exactly the rows counted. Runs under the import lock, so no import
-- is half-written below the newest id and no other refresh runs. Pairs already counted are updated; the insert's
-- NOT EXISTS sees the table as it was before this statement.
WITH state AS MATERIALIZED (
  SELECT counted_through FROM location_counts_state WHERE single
), added AS MATERIALIZED (
  SELECT i.location_id, i.category, count(*)::int AS incidents, max(i.id) AS newest
    FROM incidents i
   WHERE i.id > (SELECT counted_through FROM state)
   GROUP BY i.location_id, i.category
), updated AS (
  UPDATE location_counts c
     SET incidents = c.incidents + a.incidents
    FROM added a
   WHERE c.location_id = a.location_id AND c.category = a.category
), marked AS (
  UPDATE location_counts_state
     SET counted_through = (SELECT max(newest) FROM added)
   WHERE single AND EXISTS (SELECT 1 FROM added)
)
INSERT INTO location_counts (location_id, category, incidents)
SELECT a.location_id, a.category, a.incidents
  FROM added a
 WHERE NOT EXISTS (SELECT 1 FROM location_counts c WHERE c.location_id = a.location_id AND c.category = a.category)
