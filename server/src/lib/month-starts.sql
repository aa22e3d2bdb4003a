-- The instant each month starts in the UK, as every period filter computes it.
SELECT month, (month || '-01')::timestamp AT TIME ZONE 'Europe/London' AS start
  FROM unnest($1::text[]) AS month
