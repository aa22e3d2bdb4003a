-- The tasks a partnership period covers: every task that ran (any status but proposed) on at least one day of the
-- months $1 to $2 (YYYY-MM, inclusive), oldest start first.
SELECT t.id::int, t.title, t.status,
       to_char(t.start_date, 'YYYY-MM-DD') AS start_date, to_char(t.end_date, 'YYYY-MM-DD') AS end_date
  FROM tasks t
 WHERE t.status <> 'proposed'
   AND t.start_date < to_date($2, 'YYYY-MM') + interval '1 month'
   AND t.end_date >= to_date($1, 'YYYY-MM')
 ORDER BY t.start_date, t.id
