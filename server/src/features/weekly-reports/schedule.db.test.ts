// The weekly schedule inside the server: two processes' schedules starting together publish each ward's report once,
// a restart publishes only what is missing, and the next run is due on Monday at 06:00 UK time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, policeUkFile, startTestApp, type TestApp } from '../../../../tests/support/test-app.js'
import { WeeklySchedule } from './schedule.js'

let testApp: TestApp
let second: TestApp['pool']
const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows

beforeAll(async () => {
  testApp = await startTestApp()
  await testApp.importFiles([...boundaryFiles, policeUkFile('2024-03')])
  // A second server's own connections to the same database.
  const { default: pg } = await import('pg')
  second = new pg.Pool({ ...testApp.pool.options, max: 2 })
})

afterAll(async () => {
  await second?.end()
  await testApp.close()
})

describe('WeeklySchedule', () => {
  it('publishes every ward once with two servers starting at once, and only what is missing after a restart', async () => {
    const log = testApp.app.log
    const schedules = [new WeeklySchedule(testApp.pool, log, { suppressionThreshold: 3 }), new WeeklySchedule(second, log, { suppressionThreshold: 3 })]
    for (const schedule of schedules) schedule.start()
    const next = schedules[0].nextRun()!
    // Monday 06:00 in London (UTC or BST), after now.
    expect(next.getTime()).toBeGreaterThan(Date.now())
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(next)).toBe('Monday 06:00')
    await Promise.all(schedules.map((schedule) => schedule.stop()))
    const [wards] = await sql('SELECT count(*)::int AS n FROM wards')
    const published = await sql(`SELECT ward_code, period, count(*)::int AS n, min(trigger) AS via FROM weekly_reports GROUP BY 1, 2`)
    // Police.uk data only: every ward's report is the data's latest month, once.
    expect(published).toHaveLength(wards.n)
    expect(published.every((row) => row.period === '2024-03' && row.n === 1 && row.via === 'schedule')).toBe(true)
    const [audited] = await sql(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'weekly_report.publish' AND actor_id IS NULL`)
    expect(audited.n).toBe(wards.n)

    // A restart (a new schedule) with one report missing: only that one is published.
    const [gone] = await sql(`SELECT code FROM wards ORDER BY code LIMIT 1`)
    await sql(`ALTER TABLE weekly_reports DISABLE TRIGGER weekly_reports_unchanged`)
    await sql(`DELETE FROM weekly_reports WHERE ward_code = $1`, [gone.code])
    await sql(`ALTER TABLE weekly_reports ENABLE TRIGGER weekly_reports_unchanged`)
    const before = await sql(`SELECT id FROM weekly_reports ORDER BY id`)
    const restarted = new WeeklySchedule(testApp.pool, log, { suppressionThreshold: 3 })
    restarted.start()
    await restarted.stop()
    const after = await sql(`SELECT id, ward_code FROM weekly_reports ORDER BY id`)
    expect(after).toHaveLength(before.length + 1)
    expect(after.at(-1)!.ward_code).toBe(gone.code)
  }, 180_000)
})
