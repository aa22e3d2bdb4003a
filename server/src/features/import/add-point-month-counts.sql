-- Adds the incidents with ids in ($1, $2] (a run's, between the old and the new high-water mark) to point_month_counts
-- as new rows: rows for the same key from earlier runs stay as they are, and queries add them up. Runs after
-- location_counts has given any new category its id, in the same transaction, so both tables move with the mark.
-- Written in period order, so that the table's pages follow the months as the incidents' do.
INSERT INTO point_month_counts (location_id, period_start, category_id, location_text, incidents)
SELECT i.location_id, i.period_start, k.id, i.location_text, count(*)::int
  FROM incidents i
  JOIN incident_categories k ON k.name = i.category
 WHERE i.id > $1 AND i.id <= $2 AND i.location_id IS NOT NULL
 GROUP BY i.location_id, i.period_start, k.id, i.location_text
 ORDER BY i.period_start
