-- Counts per category under every filter but the categories one, so a picker can show them all.
SELECT category, count(*)::int AS count
  FROM incidents
 WHERE ($1::text IS NULL OR period_start >= (SELECT ($1 || '-01')::timestamp AT TIME ZONE 'Europe/London'))
   AND ($2::text IS NULL OR period_start < (SELECT (($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London'))
   AND ($3::text IS NULL OR ward_code = $3)
 GROUP BY category
 ORDER BY count DESC, category
