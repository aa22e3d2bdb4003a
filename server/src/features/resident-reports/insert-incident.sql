-- An accepted report as an incident: timed to the minute (ongoing: when it was reported), keyed by the report's id so
-- it is one incident however often it is looked up. The count triggers on incidents add it to every rollup.
INSERT INTO incidents (source, source_key, batch_id, category, period_start, period_precision, location_id, location_text,
                       description, reference)
SELECT 'resident report', convert_to('resident-report:' || r.id, 'UTF8'), $2, $3,
       date_trunc('minute', coalesce(r.happened_at, r.submitted_at)), 'minute', $4, r.place_text, r.description, 'R' || r.id
  FROM resident_reports r
 WHERE r.id = $1
RETURNING id
