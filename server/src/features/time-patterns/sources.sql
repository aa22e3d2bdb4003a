-- Every source incidents are stored under, with how many and how precisely their times are known, its span (UK local
-- dates), and whether the profile that imports it marks it illustrative (made up). For the time patterns' source picker.
SELECT s.*, coalesce((SELECT bool_or((p.mapping ->> 'illustrative')::boolean) FROM import_profiles p WHERE p.mapping ->> 'source' = s.source), false) AS illustrative
  FROM (SELECT i.source,
               count(*)::int AS incidents,
               count(*) FILTER (WHERE i.period_precision = 'minute')::int AS to_the_minute,
               count(*) FILTER (WHERE i.period_precision = 'day')::int AS to_the_day,
               to_char(min(i.period_start) AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS first_day,
               to_char(max(i.period_start) AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS last_day
          FROM incidents i
         GROUP BY i.source) AS s
 ORDER BY s.incidents DESC, s.source
