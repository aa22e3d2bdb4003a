-- Publishes one version of a ward's report; nothing when that ward-period-version is there already (another process
-- published it first): the caller reads the one that won.
INSERT INTO weekly_reports (ward_code, period, period_kind, version, snapshot, content_hash, changes, reason, published_by, trigger, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT ON CONSTRAINT weekly_reports_once DO NOTHING
RETURNING id
