-- Incidents per ward, period start and category, for the wards $3 in the period [$1, $2) (instants: see
-- counts/count-bounds.ts), from ward_month_counts. Starts come back as epoch seconds and are named as months by the
-- caller: a period has only a few dozen distinct starts.
SELECT w.ward_code, extract(epoch FROM w.period_start)::float8 AS start, k.name AS category, sum(w.incidents)::int AS count
  FROM ward_month_counts w
  JOIN incident_categories k ON k.id = w.category_id
 WHERE w.ward_code = ANY ($3)
   AND w.period_start >= $1
   AND w.period_start < $2
 GROUP BY w.ward_code, w.period_start, k.name
HAVING sum(w.incidents) <> 0
