-- Incidents in each task's area since it was tasked: police.uk gives months only, so from the start of the month the
-- task starts in (UK time, as every period filter computes a month's start: lib/month-starts.sql) to $2, the instant
-- the month after the data's last month starts. The task's targeted categories only; none targeted: every category.
-- A place counts when its map point lies in the area (ST_Intersects: on the edge counts in). $1 task ids.
-- One pass for every task: the places in each area found through the points' spatial index, then the counts of the
-- months since the earliest start hashed against them once (point_month_counts has no index leading with the point;
-- looked up task by task it was read once per task, seconds for a JAG's thirty open tasks). `placed` is MATERIALIZED:
-- inlined, the planner guessed one place per task and read the months once per task, testing every place of the
-- council against each area (230 ms for thirty ward tasks, against 16 ms so).
WITH task AS (
  SELECT t.id, t.geom, t.category_ids, date_trunc('month', t.start_date)::timestamp AT TIME ZONE 'Europe/London' AS since
    FROM tasks t
   WHERE t.id = ANY ($1::bigint[])
), placed AS MATERIALIZED (
  SELECT task.id AS task_id, l.id AS location_id
    FROM task
    JOIN locations l ON ST_Intersects(task.geom, l.geom)
), counted AS (
  SELECT p.task_id, sum(c.incidents) AS incidents
    FROM placed p
    JOIN task ON task.id = p.task_id
    JOIN point_month_counts c ON c.location_id = p.location_id
   WHERE c.period_start >= (SELECT min(since) FROM task)
     AND c.period_start < $2::timestamptz
     AND c.period_start >= task.since
     AND (cardinality(task.category_ids) = 0 OR c.category_id = ANY (task.category_ids))
   GROUP BY p.task_id
)
SELECT t.id::int, to_char(t.start_date, 'YYYY-MM') AS from_month, coalesce(counted.incidents, 0)::int AS incidents
  FROM tasks t
  LEFT JOIN counted ON counted.task_id = t.id
 WHERE t.id = ANY ($1::bigint[])
