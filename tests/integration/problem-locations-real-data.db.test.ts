// Problem locations on the 35 months of real Cleveland data: patrol-sized, and named so an inspector can task them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoDataFiles } from '../../server/src/demo-data.js'
import { isGenericPlace } from '../../server/src/features/hotspots/place-names.js'
import { areaKm2 } from '../../server/src/features/hotspots/split-at-peaks.js'
import { startTestApp, type SignedIn, type TestApp } from '../support/test-app.js'

let testApp: TestApp
let analyst: SignedIn

beforeAll(async () => {
  testApp = await startTestApp()
  await testApp.importFiles(await demoDataFiles())
  analyst = await testApp.signInAs('analyst')
})
afterAll(() => testApp.close())

interface Location {
  name: string
  cells: string[]
  areaKm2: number
  incidents: number
}

async function locations(query: string): Promise<{ maxAreaKm2: number; total: number; locations: Location[] }> {
  const response = await testApp.app.inject({ method: 'GET', url: `/api/hotspots/problem-locations?limit=200&${query}`, headers: analyst.headers })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

describe.each([
  ['every category, res 9', 'res=9'],
  ['every category, res 10', 'res=10'],
  ['ASB, res 9', `res=9&categories=${encodeURIComponent('Anti-social behaviour')}`],
  ['shoplifting, res 10 (supermarkets)', 'res=10&categories=Shoplifting'],
  ['the last three months, res 9', 'res=9&from=2025-09'],
])('problem locations on the real data: %s', (_, query) => {
  it('has no location larger than the bound, and every one has incidents of its own', async () => {
    const answer = await locations(query)
    expect(answer.total).toBeGreaterThan(10)
    expect(answer.locations.length).toBe(Math.min(answer.total, 200))
    for (const location of answer.locations) {
      expect(location.areaKm2).toBeCloseTo(areaKm2(location.cells), 9)
      expect(location.areaKm2, location.name).toBeLessThanOrEqual(answer.maxAreaKm2)
      expect(location.incidents).toBeGreaterThan(0)
    }
  })

  it('gives no two locations the same name, and no name that is only a generic place', async () => {
    const names = (await locations(query)).locations.map((location) => location.name)
    expect(new Set(names).size).toBe(names.length)
    for (const name of names) {
      const streetPart = name.split(' · ')[0]
      expect(isGenericPlace(streetPart), name).toBe(false)
      expect(name.startsWith('On or near'), name).toBe(false)
      expect(name.includes(' · ') || / wards?$/.test(name), `${name} names its ward`).toBe(true)
    }
  })
})
