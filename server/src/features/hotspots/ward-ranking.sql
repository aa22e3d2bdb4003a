-- Incidents and their harm (the sum of their categories' harm weights) per ward in the period ($1..$2) and in the
-- equal period just before it ($5..$6), for the chosen categories ($3) and councils ($4, null: all).
SELECT w.code, w.name, w.council_code, w.council_name,
       count(*) FILTER (WHERE p.current)::int AS incidents,
       count(*) FILTER (WHERE p.previous)::int AS previous,
       coalesce(sum(hw.weight) FILTER (WHERE p.current), 0)::float8 AS harm,
       coalesce(sum(hw.weight) FILTER (WHERE p.previous), 0)::float8 AS previous_harm
  FROM wards w
  LEFT JOIN incidents i
    ON i.ward_code = w.code
   AND i.period_start >= (SELECT ($5 || '-01')::timestamp AT TIME ZONE 'Europe/London')
   AND i.period_start < (SELECT (($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London')
   AND ($3::text[] IS NULL OR i.category = ANY ($3))
  LEFT JOIN harm_weights hw ON hw.category = i.category
 CROSS JOIN LATERAL (
   SELECT i.period_start >= (SELECT ($1 || '-01')::timestamp AT TIME ZONE 'Europe/London')
          AND i.period_start < (SELECT (($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London') AS current,
          i.period_start >= (SELECT ($5 || '-01')::timestamp AT TIME ZONE 'Europe/London')
          AND i.period_start < (SELECT (($6 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London') AS previous
 ) AS p
 WHERE $4::text[] IS NULL OR w.council_code = ANY ($4)
 GROUP BY w.code, w.name, w.council_code, w.council_name
