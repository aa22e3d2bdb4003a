-- Incidents and harm per map point for a period and categories: the one reader of the count rollups that the hotspot
-- cells and every CCTV figure share (server/src/features/counts/ owns the design; five copies of this stood in their
-- SQL files). from_at/to_at: instants, the end exclusive; both null: the whole period, read from location_counts;
-- otherwise point_month_counts. category_ids null: every category. Harm: each incident's category harm weight.
-- The rollups hold signed deltas (migration 009), so sums are exact; points whose sum is 0 may be returned.
-- LANGUAGE sql and STABLE, so the planner inlines it into the query that calls it: only the branch that applies runs.
-- OFFSET 0 keeps the weights a subquery evaluated once: pulled up into the join, harm_weight_array() ran once per row
-- (a second, not 60 ms, over the real data's location_counts).
-- Harm is a float8 sum: with parallel aggregation its last digit can differ between two runs of one query.
CREATE FUNCTION point_counts(from_at timestamptz, to_at timestamptz, category_ids smallint[])
RETURNS TABLE (location_id integer, incidents integer, harm float8)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT c.location_id, sum(c.incidents)::int, coalesce(sum(c.incidents * a.weights[c.category_id]), 0)::float8
    FROM patrolmap.location_counts c
   CROSS JOIN (SELECT patrolmap.harm_weight_array() AS weights OFFSET 0) a
   WHERE from_at IS NULL AND to_at IS NULL
     AND c.category_id > 0
     AND (category_ids IS NULL OR c.category_id = ANY (category_ids))
   GROUP BY c.location_id
  UNION ALL
  SELECT r.location_id, sum(r.incidents)::int, coalesce(sum(r.incidents * a.weights[r.category_id]), 0)::float8
    FROM patrolmap.point_month_counts r
   CROSS JOIN (SELECT patrolmap.harm_weight_array() AS weights OFFSET 0) a
   WHERE (from_at IS NOT NULL OR to_at IS NOT NULL)
     AND (from_at IS NULL OR r.period_start >= from_at)
     AND (to_at IS NULL OR r.period_start < to_at)
     AND (category_ids IS NULL OR r.category_id = ANY (category_ids))
   GROUP BY r.location_id
$$;
