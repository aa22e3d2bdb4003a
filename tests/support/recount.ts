import type pg from 'pg'
import { countMismatches } from '../../server/src/features/counts/count-mismatches.js'

/**
 * Deletes every incident and writes them again in one transaction, so every count is made again by the count
 * triggers alone (counts/); checks the rollups add up to nothing in between and exact after.
 */
export async function recountEveryIncident(pool: pg.Pool): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('CREATE TEMP TABLE every_incident ON COMMIT DROP AS SELECT * FROM incidents')
    await client.query('DELETE FROM incidents')
    const { rows } = await client.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM (SELECT FROM point_month_counts GROUP BY category_id, period_start, location_id, location_text HAVING sum(incidents) <> 0) AS p)
            + (SELECT count(*) FROM (SELECT FROM ward_month_counts GROUP BY category_id, period_start, ward_code, has_location HAVING sum(incidents) <> 0) AS w)
            + (SELECT count(*) FROM (SELECT FROM location_counts GROUP BY category_id, location_id HAVING sum(incidents) <> 0) AS l)
            + (SELECT count(*) FROM (SELECT FROM day_counts GROUP BY source, period_start, every_ward, ward_code, category_id, precision, day HAVING sum(incidents) <> 0) AS d)
            + (SELECT count(*) FROM (SELECT FROM hour_counts GROUP BY source, period_start, every_ward, ward_code, category_id, weekday, hour HAVING sum(incidents) <> 0) AS h) AS n`)
    if (Number(rows[0].n) !== 0) throw new Error(`${rows[0].n} count rows left with no incidents`)
    await client.query('INSERT INTO incidents SELECT * FROM every_incident')
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
  const mismatches = await countMismatches(pool)
  if (Object.values(mismatches).some((n) => n !== 0)) throw new Error(`counts differ from the incidents: ${JSON.stringify(mismatches)}`)
}
