// The illustrative Stockton register the demo start loads: every camera stored, flagged illustrative (in the data and
// in what the API answers), each in the Stockton ward the file names; a second load adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, startTestApp, type TestApp } from '../../../../tests/support/test-app.js'
import { illustrativeCctvFile, loadIllustrativeCctv } from '../../demo-data.js'
import fs from 'node:fs'

let testApp: TestApp
const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows

beforeAll(async () => {
  testApp = await startTestApp()
  await testApp.importFiles(boundaryFiles)
})
afterAll(() => testApp.close())

describe('the illustrative Stockton register', () => {
  it('loads whole, illustrative, each camera in the ward the file names, once', async () => {
    const rows = fs.readFileSync(illustrativeCctvFile, 'utf8').trim().split('\n').length - 1
    expect(rows).toBeGreaterThan(25)
    const messages: string[] = []
    await loadIllustrativeCctv(testApp.pool, (message) => messages.push(message))
    expect(messages[0]).toMatch(new RegExp(`${rows} cameras added.*illustrative`))
    const stored = await sql(`SELECT c.illustrative, c.stated_ward, w.name AS ward, w.council_code, c.notes FROM cameras c LEFT JOIN wards w ON w.code = c.ward_code`)
    expect(stored).toHaveLength(rows)
    for (const camera of stored) {
      expect(camera.illustrative).toBe(true)
      expect(camera.council_code).toBe('E06000004')
      expect(camera.ward).toBe(camera.stated_ward)
      expect(camera.notes).toMatch(/^Illustrative: not a real camera/)
    }
    await loadIllustrativeCctv(testApp.pool, (message) => messages.push(message))
    expect((await sql('SELECT count(*)::int AS n FROM cameras'))[0].n).toBe(rows)
    const [entry] = await sql(`SELECT actor_id, details FROM audit_log WHERE action = 'cctv.import'`)
    expect(entry).toMatchObject({ actor_id: null, details: { rowsAdded: rows } })
  })
})
