-- Incidents newer than location_counts' high-water mark: how many, and the newest id.
SELECT count(*)::int AS incidents, max(id) AS newest
  FROM incidents
 WHERE id > (SELECT counted_through FROM location_counts_state WHERE single)
