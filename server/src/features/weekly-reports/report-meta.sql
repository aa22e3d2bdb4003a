-- Published reports without their snapshots: wards $1 (null: every ward), ward $2 and period $3 when given, newest
-- period first, versions in order. The ward's name comes from the snapshot: as it was when published.
SELECT r.id::int, r.ward_code, r.snapshot::json #>> '{ward,name}' AS ward_name, r.period, r.period_kind, r.version,
       r.content_hash, r.changes, r.reason, r.trigger, to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS published_at
  FROM weekly_reports r
 WHERE ($1::text[] IS NULL OR r.ward_code = ANY ($1))
   AND ($2::text IS NULL OR r.ward_code = $2)
   AND ($3::text IS NULL OR r.period = $3)
 ORDER BY (SELECT min(x.created_at) FROM weekly_reports x WHERE x.ward_code = r.ward_code AND x.period = r.period) DESC,
          r.period DESC, r.ward_code, r.version DESC
 LIMIT 5000
