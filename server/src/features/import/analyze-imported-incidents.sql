-- After a run that added incidents: statistics for the tables its files wrote (the counts' tables with them, which the
-- files' triggers wrote). Of incidents, only the columns that queries filter, join or page on: the wide text ones
-- (keys, crime IDs, places, outcomes) took most of the time and steer no plan.
ANALYZE incidents (id, period_start, category, ward_code, location_id), locations, point_month_counts, ward_month_counts, location_counts
