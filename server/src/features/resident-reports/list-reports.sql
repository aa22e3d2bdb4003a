-- The moderation queue: reports of a status ($1 null: all), oldest first for new ones (first come, first handled),
-- newest first otherwise; each with the ward its pin lies in.
SELECT r.*, w.code AS ward_code, w.name AS ward_name, u.name AS handled_by_name,
       (SELECT count(*)::int FROM resident_report_photos p WHERE p.report_id = r.id) AS photos
  FROM resident_reports r
  LEFT JOIN LATERAL ward_for_point(ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326)) AS f ON r.lon IS NOT NULL
  LEFT JOIN wards w ON w.code = f.ward_code
  LEFT JOIN users u ON u.id = r.handled_by
 WHERE ($1::text IS NULL OR r.status = $1) AND ($3::bigint IS NULL OR r.id = $3)
 ORDER BY CASE WHEN r.status = 'new' THEN r.submitted_at END, r.submitted_at DESC, r.id
 LIMIT $2
