-- Before the staged rows are compared with incidents: without statistics and an index the planner takes the
-- temporary table for a few rows and compares every row with every other (seconds for a 5,000-row log).
CREATE INDEX ON mapped_rows (source_key);
ANALYZE mapped_rows
