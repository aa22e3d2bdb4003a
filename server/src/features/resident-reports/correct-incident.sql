-- The accepted report's incident made to match the corrected report ($2: its map point, or null). One UPDATE: the
-- count triggers take the old row out of every rollup and put the new one in.
UPDATE incidents i
   SET category = r.category, period_start = date_trunc('minute', coalesce(r.happened_at, r.submitted_at)), location_id = $2
  FROM resident_reports r
 WHERE r.id = $1 AND i.source = 'resident report' AND i.source_key = convert_to('resident-report:' || r.id, 'UTF8')
