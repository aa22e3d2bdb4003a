SELECT ward_code, category, count(*)::int AS count
  FROM incidents
 WHERE ward_code = ANY ($3)
   AND period_start >= (SELECT ($1 || '-01')::timestamp AT TIME ZONE 'Europe/London')
   AND period_start < (SELECT (($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London')
 GROUP BY ward_code, category
