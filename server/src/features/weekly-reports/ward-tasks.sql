-- Patrol tasks in ward $1 (their area reaches it: task_wards) that ran in the report's UK days [$2, $3): tasked or
-- later, their dates overlapping the period. Dosage delivered is the visits recorded on days of the period (a visit
-- belongs to its task, wherever in the task's area it was). Never the problem text, key times or cells: councillors
-- read this report (features/tasks/task-visibility.ts).
SELECT t.id::int, t.title, t.status, t.outcome, tm.name AS team,
       to_char(t.start_date, 'YYYY-MM-DD') AS start_date, to_char(t.end_date, 'YYYY-MM-DD') AS end_date,
       t.dosage_visits_per_week AS visits_per_week, t.dosage_minutes AS minutes_per_visit,
       -- Days of the period the task ran: its target is its weekly visits for each of them, pro rata.
       (least(t.end_date + 1, $3::date) - greatest(t.start_date, $2::date))::int AS days_running,
       (SELECT count(*)::int FROM task_visits v WHERE v.task_id = t.id AND v.visit_date >= $2::date AND v.visit_date < $3::date) AS visits,
       (SELECT coalesce(sum(v.minutes), 0)::int FROM task_visits v WHERE v.task_id = t.id AND v.visit_date >= $2::date AND v.visit_date < $3::date) AS minutes
  FROM task_wards tw
  JOIN tasks t ON t.id = tw.task_id
  LEFT JOIN teams tm ON tm.id = t.lead_team_id
 WHERE tw.ward_code = $1
   AND t.status <> 'proposed'
   AND t.start_date < $3::date
   AND t.end_date >= $2::date
 ORDER BY t.id
