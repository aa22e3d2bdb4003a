-- Resident reports sent from ward $1 (their pin inside it; a report with only a typed place has no ward) on the
-- report's UK days [$2, $3), by their status at publication.
SELECT r.status, count(*)::int AS reports
  FROM resident_reports r
  JOIN wards w ON w.code = $1
 WHERE r.lon IS NOT NULL
   AND ST_Intersects(w.geom, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326))
   AND r.submitted_at >= ($2::date::timestamp AT TIME ZONE 'Europe/London')
   AND r.submitted_at < ($3::date::timestamp AT TIME ZONE 'Europe/London')
 GROUP BY r.status
