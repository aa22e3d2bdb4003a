-- Uniqueness of keys is the importer's to keep (a unique index cost more than the rest of the import:
-- docs/decisions/0002-import-and-rollup.md), so it looks before it writes, under the import lock.
SELECT k.source_key
  FROM stored_incident_keys($1, ARRAY(SELECT to_date(month, 'YYYY-MM')::timestamp AT TIME ZONE 'Europe/London' FROM unnest($2::text[]) AS month))
       AS k (source_key)
