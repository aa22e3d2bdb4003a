-- Incidents newer than location_counts' high-water mark: how many, the newest id, and the mark itself.
SELECT count(*)::int AS incidents, max(id) AS newest, (SELECT counted_through FROM location_counts_state WHERE single) AS counted_through
  FROM incidents
 WHERE id > (SELECT counted_through FROM location_counts_state WHERE single)
