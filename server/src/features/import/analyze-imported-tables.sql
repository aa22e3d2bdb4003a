-- After a run that added incidents: statistics for the tables it changed.
ANALYZE incidents, locations, location_counts
