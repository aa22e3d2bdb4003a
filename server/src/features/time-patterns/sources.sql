-- Every incident source with how many incidents it holds and how precisely their times are known, its span (UK local
-- dates: a month-only row spans from its month's first day), and whether the profile that imports it marks it
-- illustrative (made up). For the time patterns' source picker; read from the day rollup (migration 021).
SELECT s.*, coalesce((SELECT bool_or((p.mapping ->> 'illustrative')::boolean) FROM import_profiles p WHERE p.mapping ->> 'source' = s.source), false) AS illustrative
  FROM (SELECT d.source,
               sum(d.incidents)::int AS incidents,
               coalesce(sum(d.incidents) FILTER (WHERE d.precision = 'minute'), 0)::int AS to_the_minute,
               coalesce(sum(d.incidents) FILTER (WHERE d.precision = 'day'), 0)::int AS to_the_day,
               to_char(min(coalesce(d.day, (d.period_start AT TIME ZONE 'Europe/London')::date)), 'YYYY-MM-DD') AS first_day,
               to_char(max(coalesce(d.day, (d.period_start AT TIME ZONE 'Europe/London')::date)), 'YYYY-MM-DD') AS last_day
          FROM (SELECT source, period_start, precision, day, sum(incidents) AS incidents
                  FROM day_counts WHERE every_ward GROUP BY 1, 2, 3, 4 HAVING sum(incidents) <> 0) AS d
         GROUP BY d.source) AS s
 ORDER BY s.incidents DESC, s.source
