// GET /api/hexes against h3-js on three months of real data.
import { latLngToCell } from 'h3-js'
import { POLICE_UK_CATEGORIES } from '../incidents/categories.js'
import { describe, expect, it } from 'vitest'
import { useThreeMonths } from '../../../../tests/support/three-months.js'

const { state, get, json, sql } = useThreeMonths()
const ASB = 'Anti-social behaviour'

describe('GET /api/hexes', () => {
  // A cell counts every incident whose point lies inside it: h3-js latLngToCell at that resolution on each incident's
  // stored coordinates, independent of the cells the importer stored.
  const expectedCells = async (res: number, where: string, values: unknown[]) => {
    const points = await sql(`SELECT l.lon, l.lat FROM incidents i JOIN locations l ON l.id = i.location_id WHERE ${where}`, values)
    const expected = new Map<string, number>()
    for (const point of points) {
      const cell = latLngToCell(point.lat, point.lon, res)
      expected.set(cell, (expected.get(cell) ?? 0) + 1)
    }
    return expected
  }

  it.each([6, 7, 8, 9, 10])('counts per res-%i cell equal h3-js latLngToCell applied to every incident point', async (res) => {
    const body: { h3: string; count: number }[] = await json(`/api/hexes?res=${res}&categories=${encodeURIComponent(ASB)}`)
    expect(new Map(body.map((cell) => [cell.h3, cell.count]))).toEqual(await expectedCells(res, 'i.category = $1', [ASB]))
  })

  it.each([
    ['two categories', ['Anti-social behaviour', 'Drugs']],
    ['all but one (the total less the one left out)', POLICE_UK_CATEGORIES.filter((category) => category !== 'Drugs')],
    ['every category named', [...POLICE_UK_CATEGORIES]],
  ])('counts %s over the whole period as h3-js does', async (_, categories) => {
    const body: { h3: string; count: number }[] = await json(`/api/hexes?res=8&categories=${encodeURIComponent(categories.join(','))}`)
    expect(new Map(body.map((cell) => [cell.h3, cell.count]))).toEqual(await expectedCells(8, 'i.category = ANY ($1)', [categories]))
  })

  it('counts every category over the whole period and over a month range alike', async () => {
    const whole: { h3: string; count: number }[] = await json('/api/hexes?res=9')
    expect(new Map(whole.map((cell) => [cell.h3, cell.count]))).toEqual(await expectedCells(9, 'true', []))
    const ranged: { h3: string; count: number }[] = await json('/api/hexes?res=9&from=2024-02&to=2024-03')
    expect(new Map(ranged.map((cell) => [cell.h3, cell.count]))).toEqual(
      await expectedCells(9, `i.period_start >= '2024-02-01' AND i.period_start < '2024-04-01'`, []),
    )
  })

  it('answers the same when the counts are made again by the count triggers alone', async () => {
    const { recountEveryIncident } = await import('../../../../tests/support/recount.js')
    const [ward] = await sql(`SELECT code FROM wards WHERE name = 'Stockton Town Centre'`)
    const urls = ['/api/hexes?res=8', `/api/hexes?res=10&categories=${encodeURIComponent(ASB)}`, `/api/hexes?res=7&ward=${ward.code}`]
    const answers = await Promise.all(urls.map((url) => json(url)))
    const sorted = (cells: { h3: string; count: number }[]) => [...cells].sort((a, b) => a.h3.localeCompare(b.h3))
    await recountEveryIncident(state.testApp.pool)
    expect((await sql('SELECT count(*)::int AS n FROM location_counts'))[0].n).toBeGreaterThan(0)
    for (const [index, url] of urls.entries()) expect(sorted(await json(url))).toEqual(sorted(answers[index]))
    const [byWard] = await sql(`SELECT count(*)::int AS n FROM incidents i JOIN locations l ON l.id = i.location_id WHERE l.ward_code = $1`, [ward.code])
    expect(answers[2].reduce((sum: number, cell: { count: number }) => sum + cell.count, 0)).toBe(byWard.n)
  })

  it('filters by months and ward', async () => {
    const [ward] = await sql(`SELECT code FROM wards WHERE name = 'Mandale & Victoria'`)
    const body: { count: number }[] = await json(`/api/hexes?res=9&from=2024-03&to=2024-03&ward=${ward.code}`)
    const [total] = await sql(`SELECT count(*)::int AS n FROM incidents i JOIN locations l ON l.id = i.location_id
                                WHERE l.ward_code = $1 AND i.period_start >= '2024-03-01' AND i.period_start < '2024-04-01'`, [ward.code])
    expect(body.reduce((sum, cell) => sum + cell.count, 0)).toBe(total.n)
    expect(total.n).toBeGreaterThan(0)
  })

  it('answers an empty list when nothing matches', async () => {
    expect(await json('/api/hexes?categories=Shoplifting&ward=E05009871&from=2024-01&to=2024-01&res=10')).toEqual([])
  })

  it('refuses a period wholly after the data, naming from (the period rule: period-rule.test.ts)', async () => {
    const response = await get('/api/hexes?from=2030-01&to=2030-12')
    expect(response.statusCode).toBe(400)
    expect(response.json().message).toContain('from')
  })
})
