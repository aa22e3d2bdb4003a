-- After a run's counts are updated: statistics for the tables the update wrote.
ANALYZE location_counts, point_month_counts
