-- After a run that added incidents: statistics for the tables its files wrote. Of incidents, only the columns that
-- queries filter, join or page on: the wide text ones (keys, crime IDs, places, outcomes) took most of the time and
-- steer no plan. Runs beside the counts' update (analyze-imported-counts.sql follows it).
ANALYZE incidents (id, period_start, category, ward_code, location_id), locations
