-- Adds incidents newer than the high-water mark to location_counts and moves the mark, in one statement so that every
-- part sees the same rows. Runs under the import lock, so every id up to max(id) is committed and no other refresh
-- runs. Pairs already counted are updated; the insert's NOT EXISTS sees the table as it was before this statement.
WITH bounds AS MATERIALIZED (
  SELECT (SELECT counted_through FROM location_counts_state) AS after, (SELECT max(id) FROM incidents) AS upto
), added AS MATERIALIZED (
  SELECT i.location_id, i.category, count(*)::int AS incidents
    FROM incidents i
   WHERE i.id > (SELECT after FROM bounds) AND i.id <= (SELECT upto FROM bounds)
   GROUP BY i.location_id, i.category
), updated AS (
  UPDATE location_counts c
     SET incidents = c.incidents + a.incidents
    FROM added a
   WHERE c.location_id = a.location_id AND c.category = a.category
), marked AS (
  UPDATE location_counts_state SET counted_through = b.upto FROM bounds b WHERE b.upto > b.after
)
INSERT INTO location_counts (location_id, category, incidents)
SELECT a.location_id, a.category, a.incidents
  FROM added a
 WHERE NOT EXISTS (SELECT 1 FROM location_counts c WHERE c.location_id = a.location_id AND c.category = a.category)
