-- The evaluation (issue 13, server/src/features/evaluation/) reads point_month_counts for a few hundred points (a task
-- area, its ring, a control) or for one council's points, in a few months. With no index that leads with the period
-- (point_month_counts_key leads with the category), each evaluation read every row of the table: 0.5 s of a task's
-- evaluation on the real data, against a target of 100 ms. Keyed by period first, not by point: each imported month
-- then lands at the end of the index, where keying by point spreads every file's rows over all of it (as
-- location_counts once did, 0.4 s of the import: migration 009). Incidents and category ride along so the read is
-- index-only.
CREATE INDEX point_month_counts_period ON point_month_counts (period_start, location_id) INCLUDE (category_id, incidents);
