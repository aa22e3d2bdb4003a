-- The first month repeat-locations.sql counts from ($1 months up to the data's latest month), YYYY-MM; null: no data.
SELECT to_char(date_trunc('month', max(period_start) AT TIME ZONE 'Europe/London') - make_interval(months => $1::int - 1), 'YYYY-MM') AS month
  FROM incidents
