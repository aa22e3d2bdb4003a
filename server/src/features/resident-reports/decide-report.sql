-- A decision on a locked report: its new status and what goes with it; the version moves on.
UPDATE resident_reports
   SET status = $2, reason = $3, incident_id = $4, merged_into_report = $5, merged_into_incident = $6, category = $7,
       handled_by = $8, decided_at = now(), version = version + 1
 WHERE id = $1
