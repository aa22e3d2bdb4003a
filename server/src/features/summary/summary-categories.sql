-- Counts per category under every filter but the categories one, so a picker can show them all.
SELECT k.name AS category, sum(w.incidents)::int AS count
  FROM ward_month_counts w
  JOIN incident_categories k ON k.id = w.category_id
 WHERE ($1::timestamptz IS NULL OR w.period_start >= $1)
   AND ($2::timestamptz IS NULL OR w.period_start < $2)
   AND ($3::text IS NULL OR w.ward_code = $3)
 GROUP BY k.name
HAVING sum(w.incidents) <> 0
 ORDER BY count DESC, category
