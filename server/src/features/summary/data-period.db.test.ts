// The data's span is kept between requests until the incidents change: an import must show at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DataPeriod } from './data-period.js'
import { boundaryFiles, policeUkFile, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'

let testApp: TestApp
let analyst: SignedIn

// A fresh database per test: the first one starts from no data at all.
beforeEach(async () => {
  testApp = await startTestApp()
  analyst = await testApp.signInAs('analyst')
})
afterEach(() => testApp.close())

const summaryPeriod = async () => (await testApp.app.inject({ method: 'GET', url: '/api/summary', headers: analyst.headers })).json().period

describe('the data period', () => {
  it('is null with no data, then follows every import, as min/max over the incidents give it', async () => {
    const period = new DataPeriod()
    expect(await period.get(testApp.pool)).toBeNull()
    expect(await summaryPeriod()).toBeNull()
    await testApp.importFiles([...boundaryFiles, policeUkFile('2024-02')])
    expect(await period.get(testApp.pool)).toEqual({ from: '2024-02', to: '2024-02' })
    expect(await summaryPeriod()).toEqual({ from: '2024-02', to: '2024-02' })
    await testApp.importFiles([policeUkFile('2024-01'), policeUkFile('2024-03')])
    expect(await period.get(testApp.pool)).toEqual({ from: '2024-01', to: '2024-03' })
    expect(await summaryPeriod()).toEqual({ from: '2024-01', to: '2024-03' })
    const [plain] = (
      await testApp.pool.query(`SELECT to_char(min(period_start) AT TIME ZONE 'Europe/London', 'YYYY-MM') AS "from",
                                       to_char(max(period_start) AT TIME ZONE 'Europe/London', 'YYYY-MM') AS "to" FROM incidents`)
    ).rows
    expect(await period.get(testApp.pool)).toEqual(plain)
  })

  it('is read afresh while rows newer than the importer\u2019s mark exist (an import under way)', async () => {
    await testApp.importFiles([...boundaryFiles, policeUkFile('2024-01'), policeUkFile('2024-03')])
    const period = new DataPeriod()
    expect(await period.get(testApp.pool)).toEqual({ from: '2024-01', to: '2024-03' })
    // As a run does between its files' commits and its end: rows committed, the mark not yet moved.
    await testApp.pool.query(`INSERT INTO incidents (source, source_key, batch_id, category, period_start, period_precision, location_id)
                              SELECT source, '\\x00'::bytea, batch_id, category, '2024-06-01 00:00+01', 'month', location_id FROM incidents LIMIT 1`)
    expect(await period.get(testApp.pool)).toEqual({ from: '2024-01', to: '2024-06' })
  })
})
