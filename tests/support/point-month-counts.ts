import type pg from 'pg'
import { expect } from 'vitest'

/**
 * Keys (point, month, category, place) whose count in point_month_counts differs from the incidents themselves,
 * counted with plain GROUP BY; EXCEPT both ways treats a missing place name as equal to another missing one.
 */
export async function pointMonthCountMismatches(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`
    WITH expected AS (
      SELECT location_id, period_start, category, location_text, count(*)::int AS incidents
        FROM incidents WHERE location_id IS NOT NULL GROUP BY location_id, period_start, category, location_text
    ), counted AS (
      SELECT p.location_id, p.period_start, k.name AS category, p.location_text, sum(p.incidents)::int AS incidents
        FROM point_month_counts p JOIN incident_categories k ON k.id = p.category_id
       GROUP BY p.location_id, p.period_start, k.name, p.location_text
    )
    SELECT count(*)::int AS n FROM ((TABLE expected EXCEPT TABLE counted) UNION ALL (TABLE counted EXCEPT TABLE expected)) AS differing`)
  return rows[0].n
}

const countOf = async (pool: pg.Pool, sql: string) => Number((await pool.query<{ count: string }>(sql)).rows[0].count)

/** location_counts and point_month_counts against plain GROUP BYs over incidents, and the mark at the newest incident. */
export async function expectCountsExact(pool: pg.Pool): Promise<void> {
  const differences = await countOf(pool, `
    SELECT count(*) FROM (
      SELECT c.location_id, k.name AS category, c.by_category[k.id] AS n
        FROM location_counts c CROSS JOIN incident_categories k WHERE c.by_category[k.id] > 0) counted
      FULL JOIN (SELECT location_id, category, count(*)::int AS n FROM incidents WHERE location_id IS NOT NULL GROUP BY 1, 2) i USING (location_id, category)
     WHERE counted.n IS DISTINCT FROM i.n`)
  expect(differences).toBe(0)
  expect(await countOf(pool, 'SELECT count(*) FROM location_counts WHERE total <> (SELECT sum(n) FROM unnest(by_category) AS n)')).toBe(0)
  expect(await countOf(pool, 'SELECT count(*) FROM location_counts_state WHERE counted_through = (SELECT max(id) FROM incidents)')).toBe(1)
  expect(await pointMonthCountMismatches(pool)).toBe(0)
}
