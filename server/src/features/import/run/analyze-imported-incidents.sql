-- After a run that added incidents: statistics for the tables its files wrote (counts/settle-counts.sql follows it for
-- the rollups the files' triggers wrote). Of incidents, only the columns that queries filter, join or page on: the
-- wide text ones (keys, crime IDs, places, outcomes) took most of the time and steer no plan.
ANALYZE incidents (id, period_start, category, location_id), locations
