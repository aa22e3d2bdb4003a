import type pg from 'pg'

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
