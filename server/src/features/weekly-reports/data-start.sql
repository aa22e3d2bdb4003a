-- The first UK day any incident is dated in, anywhere: before it there are no data, which a trend must not show as
-- zero. $1 'week': only records dated to the day or minute count (a weekly report reads no others); 'month': all.
SELECT to_char(min(i.period_start) AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS first_day
  FROM incidents i
 WHERE $1 = 'month' OR i.period_precision <> 'month'
