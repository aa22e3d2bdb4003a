-- A cheap token for "the counts have not changed": bumped by every statement that changes them (migration 008's
-- triggers), in the same transaction, so a reader sees a new version exactly when it sees new counts.
SELECT version FROM count_version WHERE single
