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

describe('GET /api/hexes/:cell/detail', () => {
  /** The busiest res-9 cell of Stockton Town Centre in the three months, by h3-js on every incident point. */
  async function busiestCell() {
    const points = await sql(`SELECT l.lon, l.lat FROM incidents i JOIN locations l ON l.id = i.location_id JOIN wards w ON w.code = l.ward_code WHERE w.name = 'Stockton Town Centre'`)
    const counts = new Map<string, number>()
    for (const point of points) {
      const cell = latLngToCell(point.lat, point.lon, 9)
      counts.set(cell, (counts.get(cell) ?? 0) + 1)
    }
    return [...counts].sort((a, b) => b[1] - a[1])[0][0]
  }

  it('gives its incidents by category, month, place and ward as plain SQL over the points h3-js puts in it', async () => {
    const cell = await busiestCell()
    const rows = await sql(
      `SELECT i.category, to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, i.location_text AS place,
              l.ward_code, w.name AS ward_name, l.lon, l.lat, hw.weight
         FROM incidents i JOIN locations l ON l.id = i.location_id LEFT JOIN wards w ON w.code = l.ward_code
         LEFT JOIN harm_weights hw ON hw.category = i.category
        WHERE i.category <> 'Drugs'`,
    )
    const inside = rows.filter((row) => latLngToCell(row.lat, row.lon, 9) === cell)
    const tally = (key: (row: (typeof inside)[number]) => string | null) => {
      const counts = new Map<string | null, number>()
      for (const row of inside) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1)
      return counts
    }
    const categories = POLICE_UK_CATEGORIES.filter((category) => category !== 'Drugs')
    const body = await json(`/api/hexes/${cell}/detail?categories=${encodeURIComponent(categories.join(','))}`)
    expect(body.cell).toBe(cell)
    expect(body.res).toBe(9)
    expect(body.period).toEqual({ from: '2024-01', to: '2024-03' })
    expect(body.incidents).toBe(inside.length)
    expect(body.incidents).toBeGreaterThan(20)
    expect(body.harm).toBeCloseTo(inside.reduce((sum, row) => sum + Number(row.weight), 0), 6)
    const pairs = (list: { incidents: number }[], key: string) => new Map(list.map((entry) => [(entry as Record<string, unknown>)[key], entry.incidents]))
    expect(pairs(body.categories, 'category')).toEqual(tally((row) => row.category))
    expect(pairs(body.places, 'place')).toEqual(tally((row) => row.place))
    expect(pairs(body.wards, 'code')).toEqual(tally((row) => row.ward_code))
    expect(body.wards[0].name).toBe('Stockton Town Centre')
    expect(body.months.map((entry: { month: string }) => entry.month)).toEqual(['2024-01', '2024-02', '2024-03'])
    expect(pairs(body.months, 'month')).toEqual(new Map(['2024-01', '2024-02', '2024-03'].map((month) => [month, tally((row) => row.month).get(month) ?? 0])))
    const counts = body.categories.map((entry: { incidents: number }) => entry.incidents)
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
    // The same figure the map gives the cell.
    const hexes: { h3: string; count: number }[] = await json(`/api/hexes?res=9&categories=${encodeURIComponent(categories.join(','))}`)
    expect(hexes.find((entry) => entry.h3 === cell)?.count).toBe(body.incidents)
  })

  it('pages the cell\u2019s incidents through GET /api/incidents?cell=', async () => {
    const cell = await busiestCell()
    const body = await json(`/api/hexes/${cell}/detail?from=2024-02&to=2024-02`)
    const seen: number[] = []
    let cursor: string | null = null
    do {
      const page: { items: { id: number; month: string; lat: number; lon: number }[]; nextCursor: string | null } = await json(
        `/api/incidents?cell=${cell}&from=2024-02&to=2024-02&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      )
      for (const item of page.items) {
        expect(latLngToCell(item.lat, item.lon, 9)).toBe(cell)
        expect(item.month).toBe('2024-02')
        seen.push(item.id)
      }
      cursor = page.nextCursor
    } while (cursor)
    expect(seen.length).toBe(body.incidents)
    expect(new Set(seen).size).toBe(seen.length)
  })

  it('answers an empty cell with zeros, and refuses a cell that is no H3 cell or of a resolution not counted', async () => {
    const empty = await json(`/api/hexes/${latLngToCell(51.5, -0.12, 8)}/detail`)
    expect(empty.incidents).toBe(0)
    expect(empty.months).toHaveLength(3)
    expect(empty.categories).toEqual([])
    for (const cell of ['8f194655b83ffff', '8b194655b83ffff'.replace('8b', '85'), latLngToCell(54.56, -1.31, 11)]) {
      const response = await get(`/api/hexes/${cell}/detail`)
      expect(response.statusCode, cell).toBe(400)
      expect(response.json().message).toContain('cell')
    }
  })
})

