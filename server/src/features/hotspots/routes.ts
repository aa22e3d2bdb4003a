import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type pg from 'pg'
import { BadRequestError } from '../../lib/errors.js'
import { STAFF } from '../auth/access.js'
import { incidentFilterProperties, parseIncidentFilter } from '../incidents/incident-filter.js'
import { monthBounds } from '../../lib/month-bounds.js'
import { loadQuery } from '../../lib/sql-file.js'
import { cellValueRows, giStarOn, runGiStar, valuesInArea } from './gistar-analysis.js'
import { loadHotspotInputs } from './hotspot-inputs.js'
import { emergingOfCells, runEmerging } from './emerging-analysis.js'
import { monthlyCellValues } from './monthly-cell-values.js'
import { topShare } from './stats/concentration.js'
import { forecastAccuracyByPeriod } from './stats/forecast-accuracy.js'
import { monthsOf } from '../../lib/months.js'
import { rankProblemLocations } from './problem-locations.js'
import { measured } from './measure.js'
import { EMERGING_CATEGORIES, type EmergingCategory } from './stats/emerging.js'
import { HOTSPOT_CLASSES, hotspotSign } from './stats/hotspot-class.js'
import { StudyAreas } from './study-area.js'
import { PERIOD_HEADER, periodHeaderValue } from '../summary/period-in-data.js'

const HotspotClassSchema = Type.Union([
  Type.Literal('hot-99'), Type.Literal('hot-95'), Type.Literal('hot-90'), Type.Literal('not-significant'),
  Type.Literal('cold-90'), Type.Literal('cold-95'), Type.Literal('cold-99'),
])

const EmergingCategorySchema = Type.Unsafe<EmergingCategory>({ type: 'string', enum: [...EMERGING_CATEGORIES] })

const wardRanking = loadQuery(import.meta.url, 'ward-ranking.sql')

const MeasureSchema = Type.Union([Type.Literal('count'), Type.Literal('harm')], {
  default: 'count',
  description: 'what is added up: incidents (count), or their harm, each incident weighted by its category\u2019s harm weight (GET /api/harm-weights)',
})

const gistarProperties = {
    measure: MeasureSchema,
    res: Type.Integer({ minimum: 6, maximum: 10, default: 9, description: 'H3 resolution of the cells, 6 (coarse) to 10 (fine)' }),
    k: Type.Integer({ minimum: 1, maximum: 3, default: 1, description: 'neighbours: every cell within this gridDisk distance, the cell itself included' }),
    lad: Type.Optional(Type.String({ pattern: '^[EWSN]\\d{8}(,[EWSN]\\d{8}){0,19}$', description: 'comma-separated council (LAD) codes; default every council' })),
    fdr: Type.Boolean({ default: true, description: 'classify on Benjamini–Hochberg adjusted p-values (false: raw p)' }),
    ...incidentFilterProperties,
}
const GiStarQuery = Type.Object(gistarProperties, { additionalProperties: false })

const ProblemLocationsQuery = Type.Object(
  {
    ...gistarProperties,
    halfLife: Type.Number({ minimum: 0.5, maximum: 120, default: 6, description: 'months for an incident\u2019s weight in the score to halve' }),
    recent: Type.Integer({ minimum: 1, maximum: 24, default: 3, description: 'months counted as recent in the trend' }),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
)

const Trend = Type.Object({
  recentPeriods: Type.Integer(),
  earlierPeriods: Type.Integer(),
  recentMean: Type.Number(),
  earlierMean: Type.Union([Type.Number(), Type.Null()]),
  difference: Type.Union([Type.Number(), Type.Null()]),
  ratio: Type.Union([Type.Number(), Type.Null()]),
})

const ProblemLocationsAnswer = Type.Object({
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  res: Type.Integer(),
  k: Type.Integer(),
  fdr: Type.Boolean(),
  halfLifeMonths: Type.Number(),
  recentMonths: Type.Integer(),
  measure: MeasureSchema,
  total: Type.Integer({ description: 'problem locations found, before the limit' }),
  caveats: Type.Array(Type.String()),
  locations: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      name: Type.String(),
      ward: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
      cells: Type.Array(Type.String()),
      centre: Type.Object({ lon: Type.Number(), lat: Type.Number() }),
      incidents: Type.Integer(),
      harm: Type.Number({ description: 'the sum of its incidents\u2019 harm weights' }),
      score: Type.Number({ description: 'the recency-weighted measure' }),
      components: Type.Object({
        measure: MeasureSchema,
        recencyWeighted: Type.Number(),
        halfLifeMonths: Type.Number(),
        trend: Trend,
        maxZ: Type.Number(),
        meanZ: Type.Number(),
        class: HotspotClassSchema,
        emerging: { ...EmergingCategorySchema, description: 'the emerging hot spot category most of its cells share' },
        busiestPoint: Type.Object(
          { incidents: Type.Integer(), share: Type.Number(), place: Type.Union([Type.String(), Type.Null()]) },
          { description: 'the map point with most incidents (ties: the lower point id), its share of the location, and its commonest place name' },
        ),
        months: Type.Array(Type.Object({ month: Type.String(), incidents: Type.Integer(), harm: Type.Number() })),
      }),
    }),
  ),
})


const EmergingAnswer = Type.Object({
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  months: Type.Integer(),
  res: Type.Integer(),
  k: Type.Integer(),
  fdr: Type.Boolean(),
  measure: MeasureSchema,
  cellCount: Type.Integer({ description: 'cells in the study area; cells not listed have no pattern' }),
  categoryCounts: Type.Record(Type.String(), Type.Integer()),
  cells: Type.Array(
    Type.Object({
      h3: Type.String(),
      category: EmergingCategorySchema,
      hotMonths: Type.Integer(),
      coldMonths: Type.Integer(),
      finalRun: Type.Integer({ description: 'months in the unbroken significant run that ends with the last month' }),
      trend: Type.Object({ z: Type.Number(), p: Type.Number(), direction: Type.String() }),
    }),
  ),
})

const CONCENTRATION_SHARES = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5]

const ConcentrationAnswer = Type.Object({
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  res: Type.Integer(),
  measure: MeasureSchema,
  areas: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      cells: Type.Integer(),
      total: Type.Number(),
      top: Type.Array(Type.Object({ cellShare: Type.Number({ description: 'share of cells asked for' }), cells: Type.Integer(), valueShare: Type.Number() })),
      curve: Type.Array(Type.Object({ cellShare: Type.Number(), valueShare: Type.Number() }), { description: 'at every whole percent of cells' }),
    }),
  ),
})

const ForecastQuery = Type.Object(
  {
    ...gistarProperties,
    lookback: Type.Integer({ minimum: 1, maximum: 24, default: 3, description: 'months whose totals pick the cells' }),
    top: Type.Number({ minimum: 0.001, maximum: 0.5, default: 0.05, description: 'share of the study area\u2019s cells picked' }),
  },
  { additionalProperties: false },
)

const ForecastAnswer = Type.Object({
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  res: Type.Integer(),
  lookback: Type.Integer(),
  top: Type.Number(),
  measure: MeasureSchema,
  months: Type.Array(
    Type.Object({
      month: Type.String(),
      cells: Type.Integer(),
      areaShare: Type.Number(),
      captured: Type.Number({ description: 'the measure in the picked cells this month' }),
      total: Type.Number({ description: 'the measure in the study area this month' }),
      hitRate: Type.Union([Type.Number(), Type.Null()]),
      pai: Type.Union([Type.Number(), Type.Null()]),
      pei: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
})

const TopWardsQuery = Type.Object(
  {
    from: incidentFilterProperties.from,
    to: incidentFilterProperties.to,
    categories: incidentFilterProperties.categories,
    lad: gistarProperties.lad,
    measure: MeasureSchema,
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 5 }),
  },
  { additionalProperties: false },
)

const TopWardsAnswer = Type.Object({
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  previousPeriod: Type.Object({ from: Type.String(), to: Type.String() }),
  measure: MeasureSchema,
  wards: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      councilName: Type.String(),
      incidents: Type.Integer(),
      previous: Type.Integer({ description: 'incidents in the previous period' }),
      harm: Type.Number(),
      previousHarm: Type.Number(),
      change: Type.Number({ description: 'the measure now less the measure in the previous period' }),
      changeRatio: Type.Union([Type.Number(), Type.Null()], { description: 'the measure now / in the previous period; null when that is 0' }),
    }),
  ),
})

/** The months of equal length just before `from`..`to`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const length = monthsOf(from, to).length
  const [year, month] = from.split('-').map(Number)
  const shift = (offset: number) => {
    const index = year * 12 + (month - 1) + offset
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
  }
  return { from: shift(-length), to: shift(-1) }
}

const GiStarAnswer = Type.Object({
  res: Type.Integer(),
  k: Type.Integer(),
  fdr: Type.Boolean(),
  councils: Type.Array(Type.String()),
  measure: MeasureSchema,
  totalValue: Type.Number({ description: 'the measure (incidents or harm) in the study area' }),
  outsideArea: Type.Integer({ description: 'incidents matching the filter outside every study-area cell' }),
  classCounts: Type.Record(Type.String(), Type.Integer()),
  cells: Type.Array(
    Type.Object({
      h3: Type.String(),
      value: Type.Number({ description: 'incidents or harm in the cell' }),
      z: Type.Number(),
      p: Type.Number({ description: 'two-sided p-value' }),
      pAdjusted: Type.Number({ description: 'the p the class is decided on: BH-adjusted when fdr is on' }),
      class: HotspotClassSchema,
    }),
  ),
})

async function parseCouncils(pool: pg.Pool, raw: string | undefined): Promise<string[] | null> {
  if (!raw) return null
  const codes = [...new Set(raw.split(','))]
  const known = (await pool.query('SELECT code FROM councils WHERE code = ANY ($1)', [codes])).rows.map((row) => row.code)
  const unknown = codes.filter((code) => !known.includes(code))
  if (unknown.length) throw new BadRequestError('lad', `no council has the code ${unknown.join(', ')}`)
  return codes.sort()
}

export const hotspotRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.pg.pool
  const studyAreas = new StudyAreas()

  app.get(
    '/api/hotspots/gistar',
    {
      config: { access: STAFF },
      schema: {
        summary: 'Getis–Ord Gi* hot and cold spots on H3 cells',
        description:
          'Study area: every cell whose centre lies inside the chosen councils (empty cells included). A cell\u2019s value is every ' +
          'incident inside it. Binary weights over gridDisk(k), self included; two-sided p; classes at 90/95/99% on ' +
          'BH-adjusted p by default. Methods: docs/hotspot-methods.md.',
        tags: ['hotspots'],
        querystring: GiStarQuery,
        response: { 200: GiStarAnswer },
      },
    },
    async (request, reply) => {
      const query = request.query
      const { params: filter, period: periodUsed } = await parseIncidentFilter(pool, query)
      reply.header(PERIOD_HEADER, periodHeaderValue(periodUsed))
      const councils = await parseCouncils(pool, query.lad)
      const result = await runGiStar(pool, studyAreas, { filter, councils, res: query.res, k: query.k, fdr: query.fdr, measure: query.measure })
      const classCounts = Object.fromEntries(HOTSPOT_CLASSES.map((name) => [name, 0]))
      let totalValue = 0
      const cells = result.area.cells.map((h3, index) => {
        classCounts[result.classes[index]] += 1
        totalValue += result.values[index]
        return { h3, value: result.values[index], z: result.z[index], p: result.p[index], pAdjusted: result.pAdjusted[index], class: result.classes[index] }
      })
      const councilCodes = councils ?? (await pool.query('SELECT code FROM councils ORDER BY code')).rows.map((row) => row.code)
      return { res: query.res, k: query.k, fdr: query.fdr, councils: councilCodes, measure: query.measure, totalValue, outsideArea: result.outsideArea, classCounts, cells }
    },
  )

  app.get(
    '/api/hotspots/problem-locations',
    {
      config: { access: STAFF },
      schema: {
        summary: 'Problem locations: clusters of Gi* hot cells, named, described and ranked',
        description:
          'Clusters of touching cells that Gi* (same parameters as /api/hotspots/gistar) finds hot at any confidence. Named by ' +
          'the most common police.uk place; ranked by recency-weighted incidents (half-life in months). Methods: docs/hotspot-methods.md.',
        tags: ['hotspots'],
        querystring: ProblemLocationsQuery,
        response: { 200: ProblemLocationsAnswer },
      },
    },
    async (request, reply) => {
      const query = request.query
      const { params: filter, period: periodUsed } = await parseIncidentFilter(pool, query)
      reply.header(PERIOD_HEADER, periodHeaderValue(periodUsed))
      const councils = await parseCouncils(pool, query.lad)
      const period = periodUsed
      const gistarRequest = { filter, councils, res: query.res, k: query.k, fdr: query.fdr, measure: query.measure }
      const area = await studyAreas.get(pool, councils, query.res, query.k)
      let locations: ReturnType<typeof rankProblemLocations> = []
      if (period) {
        // One reading of the counts feeds all three: Gi* on the period's totals, emerging on the months, the ranking.
        const inputs = await loadHotspotInputs(pool, area, gistarRequest, period)
        const gistar = giStarOn(area, inputs.totals, query.fdr)
        // Only hot cells make problem locations, so only theirs need an emerging category.
        const hotCells = gistar.classes.flatMap((hotspotClass, index) => (hotspotSign(hotspotClass) === 1 ? [index] : []))
        const emerging = emergingOfCells(area, inputs.monthly, query.fdr, hotCells)
        const emergingOf = (cell: string): EmergingCategory => emerging.get(area.indexOf.get(cell)!)!.category
        locations = rankProblemLocations(gistar, inputs, { measure: query.measure, halfLifeMonths: query.halfLife, recentMonths: query.recent, emergingOf })
      }
      return {
        period: period ?? { from: '', to: '' },
        res: query.res,
        k: query.k,
        fdr: query.fdr,
        halfLifeMonths: query.halfLife,
        recentMonths: query.recent,
        measure: query.measure,
        total: locations.length,
        caveats: [
          'police.uk moves every incident to the nearest of a set of shared anonymous map points, so a place name is the point\u2019s, not the incident\u2019s exact address; busiestPoint shows how many incidents share one point.',
          'police.uk gives months only: recency and trends are by month, and nothing here can be narrowed to days or times.',
        ],
        locations: locations.slice(0, query.limit),
      }
    },
  )

  app.get(
    '/api/hotspots/emerging',
    {
      config: { access: STAFF },
      schema: {
        summary: 'Emerging hot spots: Gi* month by month and a Mann–Kendall trend per cell',
        description: 'Categories (new, consecutive, intensifying, persistent, diminishing, sporadic, oscillating, historical; hot and cold) as defined in docs/hotspot-methods.md.',
        tags: ['hotspots'],
        querystring: GiStarQuery,
        response: { 200: EmergingAnswer },
      },
    },
    async (request, reply) => {
      const query = request.query
      const { params: filter, period: periodUsed } = await parseIncidentFilter(pool, query)
      reply.header(PERIOD_HEADER, periodHeaderValue(periodUsed))
      const councils = await parseCouncils(pool, query.lad)
      const period = periodUsed
      const categoryCounts = Object.fromEntries(EMERGING_CATEGORIES.map((name) => [name, 0]))
      const base = { res: query.res, k: query.k, fdr: query.fdr, measure: query.measure }
      if (!period) return { ...base, period: { from: '', to: '' }, months: 0, cellCount: 0, categoryCounts, cells: [] }
      const result = await runEmerging(pool, studyAreas, { ...base, filter, councils }, period)
      const cells = []
      for (let index = 0; index < result.area.cells.length; index++) {
        const cell = result.results[index]
        categoryCounts[cell.category] += 1
        if (cell.category === 'none') continue
        cells.push({
          h3: result.area.cells[index],
          category: cell.category,
          hotMonths: cell.hotPeriods,
          coldMonths: cell.coldPeriods,
          finalRun: cell.finalRun,
          trend: { z: cell.trend.z, p: cell.trend.p, direction: cell.trend.trend },
        })
      }
      return { ...base, period, months: result.months.length, cellCount: result.area.cells.length, categoryCounts, cells }
    },
  )

  app.get(
    '/api/hotspots/concentration',
    {
      config: { access: STAFF },
      schema: {
        summary: 'How concentrated incidents are: the share in the top x% of cells, per council',
        tags: ['hotspots'],
        querystring: GiStarQuery,
        response: { 200: ConcentrationAnswer },
      },
    },
    async (request, reply) => {
      const query = request.query
      const { params: filter, period: periodUsed } = await parseIncidentFilter(pool, query)
      reply.header(PERIOD_HEADER, periodHeaderValue(periodUsed))
      const councils = await parseCouncils(pool, query.lad)
      const period = periodUsed ?? { from: '', to: '' }
      const rows = (await pool.query('SELECT code, name FROM councils WHERE $1::text[] IS NULL OR code = ANY ($1) ORDER BY name', [councils])).rows
      // One aggregation serves every council: each takes the cells of its own study area.
      const cellRows = await cellValueRows(pool, { filter, res: query.res })
      const areas = []
      for (const council of rows) {
        const area = await studyAreas.get(pool, [council.code], query.res, 1)
        const { values } = valuesInArea(cellRows, area, query.measure)
        const top = CONCENTRATION_SHARES.map((share) => {
          const point = topShare(values, share)
          return { cellShare: share, cells: point.cells, valueShare: point.valueShare }
        })
        const curve = Array.from({ length: 101 }, (_, percent) => {
          const point = topShare(values, percent / 100)
          return { cellShare: percent / 100, valueShare: point.valueShare }
        })
        areas.push({ code: council.code, name: council.name, cells: values.length, total: values.reduce((sum, value) => sum + value, 0), top, curve })
      }
      return { period, res: query.res, measure: query.measure, areas }
    },
  )

  app.get(
    '/api/hotspots/forecast-accuracy',
    {
      config: { access: STAFF },
      schema: {
        summary: 'How well the last N months\u2019 busiest cells caught each month: hit rate, PAI and PEI',
        description: 'For each month with N months before it in the period: the top share of cells by their total over the N months before, scored on that month. PAI and PEI as ptools defines them (docs/hotspot-methods.md).',
        tags: ['hotspots'],
        querystring: ForecastQuery,
        response: { 200: ForecastAnswer },
      },
    },
    async (request, reply) => {
      const query = request.query
      const { params: filter, period: periodUsed } = await parseIncidentFilter(pool, query)
      reply.header(PERIOD_HEADER, periodHeaderValue(periodUsed))
      const councils = await parseCouncils(pool, query.lad)
      const period = periodUsed
      const base = { res: query.res, lookback: query.lookback, top: query.top, measure: query.measure }
      if (!period) return { ...base, period: { from: '', to: '' }, months: [] }
      const gistarRequest = { filter, councils, res: query.res, k: query.k, fdr: query.fdr, measure: query.measure }
      const area = await studyAreas.get(pool, councils, query.res, query.k)
      const { months, values } = await monthlyCellValues(pool, area, gistarRequest, period)
      const scored = months.length > query.lookback ? forecastAccuracyByPeriod(values, query.lookback, { areaShare: query.top }) : []
      return {
        ...base,
        period,
        months: scored.map((result) => ({
          month: months[result.period],
          cells: result.cells,
          areaShare: result.areaShare,
          captured: result.capturedCount,
          total: result.totalCount,
          hitRate: result.hitRate,
          pai: result.pai,
          pei: result.pei,
        })),
      }
    },
  )

  app.get(
    '/api/hotspots/top-wards',
    {
      config: { access: STAFF },
      schema: {
        summary: 'Wards ranked by incidents in the period, with the change against the equal period before',
        tags: ['hotspots'],
        querystring: TopWardsQuery,
        response: { 200: TopWardsAnswer },
      },
    },
    async (request, reply) => {
      const query = request.query
      const { params: [, , categories], period } = await parseIncidentFilter(pool, { from: query.from, to: query.to, categories: query.categories })
      reply.header(PERIOD_HEADER, periodHeaderValue(period))
      const councils = await parseCouncils(pool, query.lad)
      const measure = query.measure
      if (!period) return { period: { from: '', to: '' }, previousPeriod: { from: '', to: '' }, measure, wards: [] }
      const previous = previousPeriod(period.from, period.to)
      const [start, end] = await monthBounds(pool, period.from, period.to)
      const [previousStart] = await monthBounds(pool, previous.from, null)
      const rows = (await pool.query({ ...wardRanking, values: [start, end, categories, councils, previousStart] })).rows
      const now = (row: { incidents: number; harm: number }) => measured(row, measure)
      const before = (row: { previous: number; previous_harm: number }) => measured({ incidents: row.previous, harm: row.previous_harm }, measure)
      rows.sort((a, b) => now(b) - now(a) || a.name.localeCompare(b.name) || a.code.localeCompare(b.code))
      return {
        period,
        previousPeriod: previous,
        measure,
        wards: rows.slice(0, query.limit).map((row, index) => ({
          rank: index + 1,
          code: row.code,
          name: row.name,
          councilName: row.council_name,
          incidents: row.incidents,
          previous: row.previous,
          harm: row.harm,
          previousHarm: row.previous_harm,
          change: now(row) - before(row),
          changeRatio: before(row) > 0 ? now(row) / before(row) : null,
        })),
      }
    },
  )
}
