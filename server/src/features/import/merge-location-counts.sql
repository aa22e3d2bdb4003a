-- Adds the counts the importer tallied for a run (points $1, their totals $2, and their counts by category: $3 holds
-- $4 numbers per point, one after another) to location_counts, and moves the high-water mark to $5: the newest of
-- exactly the incidents tallied, which the caller checked under the import lock.
WITH tallied AS (
  SELECT t.location_id, t.total, ($3::int[])[((t.point - 1) * $4 + 1):(t.point * $4)] AS by_category
    FROM unnest($1::int[], $2::int[]) WITH ORDINALITY AS t (location_id, total, point)
), marked AS (
  UPDATE location_counts_state SET counted_through = $5 WHERE single
)
INSERT INTO location_counts AS c (location_id, total, by_category)
SELECT location_id, total, by_category FROM tallied
ON CONFLICT (location_id) DO UPDATE
   SET total = c.total + EXCLUDED.total,
       by_category = ARRAY(SELECT coalesce(old, 0) + coalesce(new, 0)
                             FROM unnest(c.by_category, EXCLUDED.by_category) WITH ORDINALITY AS pair (old, new, position)
                            ORDER BY position)
