-- One published report with its snapshot: ward $1, period $2, version $3 (null: the latest).
SELECT r.id::int, r.ward_code, r.snapshot::json #>> '{ward,name}' AS ward_name, r.period, r.period_kind, r.version,
       r.content_hash, r.changes, r.reason, r.trigger, to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS published_at,
       r.snapshot
  FROM weekly_reports r
 WHERE r.ward_code = $1 AND r.period = $2 AND ($3::int IS NULL OR r.version = $3)
 ORDER BY r.version DESC
 LIMIT 1
