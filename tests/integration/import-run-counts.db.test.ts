// A run of several files bringing new points and months, counted exactly by the count triggers, on its own database:
// it adds incidents, so beside the real-data tests (which count every row of the 35 files) it would make their
// totals depend on the order.
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countMismatches } from '../../server/src/features/counts/count-mismatches.js'
import { boundaryFiles, policeUkFile, startTestApp, type TestApp } from '../support/test-app.js'

let testApp: TestApp
let scratch: string

const count = async (sql: string) => Number((await testApp.pool.query(sql)).rows[0].count)

beforeAll(async () => {
  testApp = await startTestApp()
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'patrolmap-import-'))
  // Counts already there for the run to add to, as in a real database.
  await testApp.importFiles([...boundaryFiles, policeUkFile('2024-06'), policeUkFile('2024-07')])
})
afterAll(async () => {
  await testApp.close()
  await fs.rm(scratch, { recursive: true, force: true })
})

describe('a run of several files with new points and months', () => {
  it('is counted exactly, file by file', async () => {
    // Two months relabelled and their points shifted, so that the run brings new incidents, points and months.
    const files: string[] = []
    for (const [month, label] of [['2024-06', '2032-06'], ['2024-07', '2032-07']]) {
      const lines = zlib.gunzipSync(await fs.readFile(policeUkFile(month))).toString('utf8').split('\n').filter(Boolean)
      const relabelled = lines.map((line, index) => {
        if (index === 0) return line
        const fields = line.split(',')
        fields[1] = label
        fields[4] = (Number(fields[4]) + 0.0002).toFixed(6)
        return fields.join(',')
      })
      files.push(path.join(scratch, `${label}-relabelled.csv`))
      await fs.writeFile(files[files.length - 1], relabelled.join('\n') + '\n')
    }
    const before = await count('SELECT count(*) FROM incidents')

    const summaries = await testApp.importFiles(files)

    expect(summaries.map((summary) => summary.status)).toEqual(['committed', 'committed'])
    const added = summaries.reduce((total, summary) => total + summary.rowsAdded, 0)
    expect(added).toBeGreaterThan(10_000)
    expect(await count('SELECT count(*) FROM incidents')).toBe(before + added)
    expect(await countMismatches(testApp.pool)).toEqual({ pointMonth: 0, wardMonth: 0, location: 0, day: 0, hour: 0 })
  })
})
