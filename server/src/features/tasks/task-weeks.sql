-- Visits and minutes delivered to task $1 in each week (Monday to Sunday, by the visit's date) from the week of its
-- start to the week of its end or of today ($2, UK time), whichever is earlier; weeks without visits included.
WITH task AS (
  SELECT t.id, t.start_date, least(t.end_date, $2::date) AS last_date FROM tasks t WHERE t.id = $1
), weeks AS (
  SELECT generate_series(date_trunc('week', task.start_date), date_trunc('week', task.last_date), interval '1 week')::date AS start
    FROM task
)
SELECT to_char(w.start, 'YYYY-MM-DD') AS week_start, count(v.id)::int AS visits, coalesce(sum(v.minutes), 0)::int AS minutes
  FROM weeks w
  LEFT JOIN task_visits v ON v.task_id = $1 AND v.visit_date >= w.start AND v.visit_date < w.start + 7
 GROUP BY w.start
 ORDER BY w.start
