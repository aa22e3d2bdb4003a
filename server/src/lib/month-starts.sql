-- The instant each month starts in the UK, as every period filter computes it.
SELECT month, to_date(month, 'YYYY-MM')::timestamp AT TIME ZONE 'Europe/London' AS start
  FROM unnest($1::text[]) AS month
