// An automated attacker against councillors' small-count protection (docs/access.md, "Small counts"). Signed in as a
// councillor, it asks for every period and every breakdown a councillor may, reads every figure it is given as a
// linear fact about the true counts (ward × category × month), and solves for each count shown as "<3": the least
// and the most it can be, by linear programming (HiGHS). A count is protected when it can still be anything from 0
// to 2; the test fails when any can be narrowed down, by subtraction across periods, categories or months of a trend.
import highsLoader from 'highs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { monthsOf } from '../../server/src/lib/months.js'
import { boundaryFiles, createTestUser, policeUkFile, signIn, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js'

const MONTHS = monthsOf('2024-01', '2024-12')
const TOWN_CENTRE = 'E05014882' // busy: most categories shown
const THRESHOLD = 3

type Count = number | string
interface ReportWard {
  code: string
  total: Count
  categories: { category: string; count: Count }[]
  months: { month: string; count: Count }[]
}
interface Report {
  period: { from: string; to: string } | null
  dataPeriod: { from: string; to: string } | null
  wards: ReportWard[]
}

/** A sum of true counts, named by its cells (`ward|category|month`), and what the attacker was told about it. */
interface Fact {
  cells: string[]
  shown: Count
}

let testApp: TestApp
let councillor: SignedIn
let wards: string[]

beforeAll(async () => {
  testApp = await startTestApp()
  await testApp.importFiles([...boundaryFiles, ...MONTHS.map(policeUkFile)])
  // The quietest ward with any incidents: most of its counts are small, the hardest case to protect.
  const [{ ward_code: quiet }] = (
    await testApp.pool.query(`SELECT l.ward_code FROM incidents i JOIN locations l ON l.id = i.location_id
                               WHERE l.ward_code IS NOT NULL GROUP BY l.ward_code ORDER BY count(*), l.ward_code LIMIT 1`)
  ).rows
  wards = [TOWN_CENTRE, quiet]
  await createTestUser(testApp.pool, { email: 'attacker@test.local', role: 'councillor', wards })
  councillor = await signIn(testApp.app, 'attacker@test.local')
})
afterAll(() => testApp.close())

/** Every request a councillor's browser could make: each period (from ≤ to, open ends too) with and without a ward. */
function everyRequest(): string[] {
  const periods: [string | null, string | null][] = [[null, null]]
  for (const from of MONTHS) {
    periods.push([from, null], [null, from])
    for (const to of MONTHS) if (from <= to) periods.push([from, to])
  }
  const urls: string[] = []
  for (const ward of [null, ...wards]) {
    for (const [from, to] of periods) {
      const query = new URLSearchParams()
      if (from) query.set('from', from)
      if (to) query.set('to', to)
      if (ward) query.set('ward', ward)
      urls.push(`/api/ward-reports?${query}`)
    }
  }
  return urls
}

/** The facts one answer states. A total or a category count spans the answer's period; a month's count, that month. */
function factsOf(report: Report): Fact[] {
  if (!report.period) return []
  const period = monthsOf(report.period.from, report.period.to)
  const facts: Fact[] = []
  for (const ward of report.wards) {
    const categories = ward.categories.map((entry) => entry.category)
    const cells = (which: string[], months: string[]) => which.flatMap((category) => months.map((month) => `${ward.code}|${category}|${month}`))
    facts.push({ cells: cells(categories, period), shown: ward.total })
    for (const { category, count } of ward.categories) facts.push({ cells: cells([category], period), shown: count })
    for (const { month, count } of ward.months) facts.push({ cells: cells(categories, [month]), shown: count })
  }
  return facts
}

/** Groups facts whose cells overlap, so each group is solved alone (a smaller program, the same answer). */
function connectedGroups(facts: Fact[]): Fact[][] {
  const parent = new Map<string, string>()
  const root = (cell: string): string => {
    let top = cell
    while (parent.get(top) !== top) top = parent.get(top)!
    parent.set(cell, top)
    return top
  }
  for (const fact of facts) {
    for (const cell of fact.cells) if (!parent.has(cell)) parent.set(cell, cell)
    for (const cell of fact.cells.slice(1)) parent.set(root(cell), root(fact.cells[0]))
  }
  const groups = new Map<string, Fact[]>()
  for (const fact of facts) {
    const key = root(fact.cells[0])
    groups.set(key, [...(groups.get(key) ?? []), fact])
  }
  return [...groups.values()]
}

/** The least and the most a "<3" fact's sum can be, given everything else the attacker was told (CPLEX LP format). */
function solveRange(highs: Awaited<ReturnType<typeof highsLoader>>, group: Fact[], target: Fact): [number, number] {
  const names = new Map<string, string>()
  const variable = (cell: string) => {
    if (!names.has(cell)) names.set(cell, `x${names.size}`)
    return names.get(cell)!
  }
  const sum = (fact: Fact) => fact.cells.map(variable).join(' + ')
  const constraints = group.map((fact, index) => {
    if (typeof fact.shown === 'number') return ` c${index}: ${sum(fact)} = ${fact.shown}`
    // "<3": at most 2; ">=N": at least N.
    if (fact.shown === `<${THRESHOLD}`) return ` c${index}: ${sum(fact)} <= ${THRESHOLD - 1}`
    const atLeast = /^>=(\d+)$/.exec(String(fact.shown))
    if (!atLeast) throw new Error(`a councillor was shown ${fact.shown}, which the attacker cannot read`)
    return ` c${index}: ${sum(fact)} >= ${atLeast[1]}`
  })
  const objective = sum(target)
  // Counts are whole numbers: an integer program, so a range the fractions would widen is not mistaken for protection.
  const program = (sense: string) =>
    `${sense}\n obj: ${objective}\nSubject To\n${constraints.join('\n')}\nGeneral\n ${[...names.values()].join(' ')}\nEnd`
  const solve = (sense: string) => {
    const result = highs.solve(program(sense))
    if (result.Status !== 'Optimal') throw new Error(`the attacker's program is ${result.Status}: the answers contradict each other`)
    return result.ObjectiveValue
  }
  return [solve('Minimize'), solve('Maximize')]
}

describe('councillors\u2019 small counts against an attacker who asks everything and solves', () => {
  it('cannot narrow down any "<3" from every period and breakdown a councillor may ask for', async () => {
    const facts = new Map<string, Fact>()
    let answered = 0
    for (const url of everyRequest()) {
      const response = await testApp.app.inject({ method: 'GET', url, headers: councillor.headers })
      if (response.statusCode !== 200) {
        expect(response.statusCode, url).toBe(400)
        continue
      }
      answered += 1
      for (const fact of factsOf(response.json())) {
        const key = [...fact.cells].sort().join(',')
        const known = facts.get(key)
        // The same sum shown two ways would itself be a disclosure (or a contradiction).
        if (known) expect(fact.shown, `${key} shown as ${known.shown} and as ${fact.shown}`).toEqual(known.shown)
        facts.set(key, fact)
      }
    }
    expect(answered).toBeGreaterThanOrEqual(MONTHS.length)

    const highs = await highsLoader()
    const narrowed: string[] = []
    let small = 0
    for (const group of connectedGroups([...facts.values()])) {
      for (const target of group.filter((fact) => fact.shown === `<${THRESHOLD}`)) {
        small += 1
        const [least, most] = solveRange(highs, group, target)
        if (least > 1e-6 || most < THRESHOLD - 1 - 1e-6) narrowed.push(`${target.cells.length === 1 ? target.cells[0] : `${target.cells[0]} and ${target.cells.length - 1} more`}: ${least}…${most}`)
      }
    }
    expect(small, 'the quiet ward must give the attacker small counts to try').toBeGreaterThan(50)
    expect(narrowed).toEqual([])
  })

  it('lists every category for every month, zeros included, so a "<3" is never told from a 0 by its absence', async () => {
    for (const month of MONTHS) {
      const report: Report = (await testApp.app.inject({ method: 'GET', url: `/api/ward-reports?from=${month}&to=${month}`, headers: councillor.headers })).json()
      for (const ward of report.wards) expect(ward.categories).toHaveLength(14)
    }
  })
})
