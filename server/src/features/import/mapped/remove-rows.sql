-- A file of source $1 is the source's whole record from its first London day to its last: the source's rows in those
-- days whose reference the file no longer has were withdrawn at the source, and are removed (decision 0011). Rows
-- outside the file's days are left alone, so a log can be loaded a year per file.
DELETE FROM incidents i
 WHERE i.source = $1
   AND i.period_start >= (SELECT (min(period_start) AT TIME ZONE 'Europe/London')::date::timestamp AT TIME ZONE 'Europe/London' FROM mapped_rows)
   AND i.period_start < (SELECT ((max(period_start) AT TIME ZONE 'Europe/London')::date + 1)::timestamp AT TIME ZONE 'Europe/London' FROM mapped_rows)
   AND NOT EXISTS (SELECT 1 FROM mapped_rows m WHERE m.source_key = i.source_key)
