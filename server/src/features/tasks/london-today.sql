SELECT to_char(now() AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS today
