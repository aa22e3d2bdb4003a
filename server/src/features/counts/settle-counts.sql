-- After an import run: the rollups' pages marked visible (the analyses then read point_month_counts' key index alone,
-- an index-only scan) and their statistics fresh. VACUUM, so a statement of its own, outside any transaction.
VACUUM (ANALYZE) point_month_counts, ward_month_counts, location_counts, day_counts, hour_counts
