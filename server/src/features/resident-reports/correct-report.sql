-- A correction of an accepted report by staff: its category and pin as they should have been, and its time when $6
-- (then $5 null: ongoing; else UK local wall-clock time). The decision itself (version, who) is decide-report.sql's.
UPDATE resident_reports
   SET category = $2, lon = $3, lat = $4,
       happened_at = CASE WHEN $6 THEN ($5::timestamp AT TIME ZONE 'Europe/London') ELSE happened_at END,
       ongoing = CASE WHEN $6 THEN $5 IS NULL ELSE ongoing END
 WHERE id = $1
