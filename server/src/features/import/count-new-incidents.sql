-- Incidents newer than location_counts' high-water mark: how many have a point (what the run's tally counts), the
-- newest id of all (the mark passes incidents without a point too), and the mark itself.
SELECT count(*) FILTER (WHERE location_id IS NOT NULL)::int AS incidents, max(id) AS newest, (SELECT counted_through FROM location_counts_state WHERE single) AS counted_through
  FROM incidents
 WHERE id > (SELECT counted_through FROM location_counts_state WHERE single)
