-- Incidents in each task's area since it was tasked: police.uk gives months only, so from the start of the month the
-- task starts in (UK time, as every period filter computes a month's start: lib/month-starts.sql) to $2, the instant
-- the month after the data's last month starts. The task's targeted categories only; none targeted: every category.
-- A place counts when its map point lies in the area (ST_Intersects: on the edge counts in). $1 task ids.
SELECT t.id::int,
       to_char(t.start_date, 'YYYY-MM') AS from_month,
       coalesce((SELECT sum(c.incidents)
                   FROM locations l
                   JOIN point_month_counts c ON c.location_id = l.id
                  WHERE ST_Intersects(t.geom, l.geom)
                    AND c.period_start >= date_trunc('month', t.start_date)::timestamp AT TIME ZONE 'Europe/London'
                    AND c.period_start < $2::timestamptz
                    AND (cardinality(t.category_ids) = 0 OR c.category_id = ANY (t.category_ids))), 0)::int AS incidents
  FROM tasks t
 WHERE t.id = ANY ($1::bigint[])
