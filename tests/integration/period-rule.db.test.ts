// One period rule for every route with from/to (server/src/features/summary/period-in-data.ts): clamped to the data,
// said in the answer, refused by name when wholly outside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, policeUkFile, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js'

const STOCKTON = 'E06000004'
let testApp: TestApp
let analyst: SignedIn

beforeAll(async () => {
  testApp = await startTestApp({ data: [...boundaryFiles, policeUkFile('2024-01'), policeUkFile('2024-02'), policeUkFile('2024-03')] })
  analyst = await testApp.signInAs('analyst')
})
afterAll(() => testApp.close())

const get = (url: string) => testApp.app.inject({ method: 'GET', url, headers: analyst.headers })
const withPeriod = (route: string, period: string) => `${route}${route.includes('?') ? '&' : '?'}${period}`

const ROUTES = [
  '/api/summary',
  '/api/wards',
  '/api/hexes?res=8',
  '/api/incidents?limit=20',
  '/api/ward-reports',
  `/api/hotspots/gistar?res=8&lad=${STOCKTON}`,
  `/api/hotspots/problem-locations?res=8&lad=${STOCKTON}`,
  `/api/hotspots/emerging?res=8&lad=${STOCKTON}`,
  `/api/hotspots/concentration?res=8&lad=${STOCKTON}`,
  `/api/hotspots/forecast-accuracy?res=8&lad=${STOCKTON}&lookback=1`,
  `/api/hotspots/top-wards?lad=${STOCKTON}`,
]

/** The period an answer says it used: every route with from/to sends it in the header. */
function periodUsed(response: Awaited<ReturnType<typeof get>>): string {
  const header = response.headers['patrolmap-period']
  expect(header, 'patrolmap-period header').toBeDefined()
  return String(header)
}

describe('the period rule', () => {
  it.each(ROUTES)('%s clamps a period past the data to the data, says so, and answers as for the data\u2019s own period', async (route) => {
    const clamped = await get(withPeriod(route, 'from=1900-01&to=2199-12'))
    expect(clamped.statusCode, clamped.body).toBe(200)
    expect(periodUsed(clamped)).toBe('2024-01/2024-03')
    const exact = await get(withPeriod(route, 'from=2024-01&to=2024-03'))
    expect(clamped.json()).toEqual(exact.json())
    const body = clamped.json()
    if (!route.startsWith('/api/summary') && body && typeof body === 'object' && 'period' in body) expect(body.period).toEqual({ from: '2024-01', to: '2024-03' })

    const partly = await get(withPeriod(route, 'from=1990-01&to=2024-02'))
    expect(partly.statusCode, partly.body).toBe(200)
    expect(periodUsed(partly)).toBe('2024-01/2024-02')
  })

  it.each(ROUTES)('%s refuses a period wholly after the data, naming from, and one wholly before it, naming to', async (route) => {
    const after = await get(withPeriod(route, 'from=2024-04&to=2099-12'))
    expect(after.statusCode).toBe(400)
    expect(after.json().message).toMatch(/^from: 2024-04 is after the last month of the data \(the data runs from 2024-01 to 2024-03\)/)
    const before = await get(withPeriod(route, 'to=2023-12'))
    expect(before.statusCode).toBe(400)
    expect(before.json().message).toMatch(/^to: 2023-12 is before the first month of the data/)
  })
})
