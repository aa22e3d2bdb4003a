-- Incidents per ward, period start and category, for the wards $3 in the period [$1, $2) (instants: see
-- lib/month-bounds.ts). Starts come back as epoch seconds and are named as months by the caller: a period has only a
-- few dozen distinct starts, and converting every row to London time cost more than the count.
SELECT ward_code, extract(epoch FROM period_start)::float8 AS start, category, count(*)::int AS count
  FROM incidents
 WHERE ward_code = ANY ($3)
   AND period_start >= $1
   AND period_start < $2
 GROUP BY ward_code, period_start, category
