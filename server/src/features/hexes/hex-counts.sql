-- Incidents per H3 cell at resolution $5, from the stored resolution-11 cell by bit operations.
SELECT h3_to_string(h3_parent(h3, $5)) AS h3, count(*)::int AS count
  FROM incidents
 WHERE ($1::text IS NULL OR period_start >= ($1 || '-01')::timestamp AT TIME ZONE 'Europe/London')
   AND ($2::text IS NULL OR period_start < (($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London')
   AND ($3::text[] IS NULL OR category = ANY ($3))
   AND ($4::text IS NULL OR ward_code = $4)
 GROUP BY h3_parent(h3, $5)
