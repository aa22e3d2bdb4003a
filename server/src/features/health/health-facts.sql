-- The newest committed import and how many boundaries there are: small tables only, since /api/health is public and
-- polled every few seconds. The resident reports' standing batch (migration 018) is no import.
SELECT postgis_lib_version() AS postgis,
       (SELECT count(*) FROM wards) AS wards,
       (SELECT count(*) FROM councils) AS councils,
       (SELECT count(*) FROM import_batches) AS import_batches,
       b.file_name AS last_import_file,
       b.finished_at AS last_import_at
  FROM (SELECT 1) AS one
  LEFT JOIN LATERAL (
    SELECT file_name, finished_at FROM import_batches WHERE status = 'committed' AND kind <> 'resident-reports' ORDER BY id DESC LIMIT 1
  ) AS b ON true
