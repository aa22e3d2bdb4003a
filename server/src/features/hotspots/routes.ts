import os from 'node:os'
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type pg from 'pg'
import { badRequest } from '../../lib/errors.js'
import { STAFF } from '../users/roles.js'
import { incidentFilterProperties } from '../incidents/incident-filter.js'
import { monthBounds } from '../../lib/month-bounds.js'
import { loadQuery } from '../../lib/sql-file.js'
import { previousPeriod } from '../../lib/months.js'
import { PERIOD_HEADER, periodHeaderValue, type Period } from '../summary/period-in-data.js'
import { ANALYSIS_HEADER, AnalysisCache } from './analysis-cache.js'
import { PROBLEM_LOCATION_CAVEATS, type AnalysisJob } from './analysis-jobs.js'
import { AnalysisThreads } from './analysis-threads.js'
import { readCellColumns } from './gistar-analysis.js'
import { readHotspotRows } from './hotspot-inputs.js'
import { measured } from './measure.js'
import { readCellMonthColumns } from './monthly-cell-values.js'
import { EMERGING_CATEGORIES, type EmergingCategory } from './stats/emerging.js'

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

const GiStarAnswer = Type.Object({
  period: Type.Object({ from: Type.String(), to: Type.String() }),
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
  if (unknown.length) throw badRequest('lad', `no council has the code ${unknown.join(', ')}`)
  return codes.sort()
}

/** Distinct analyses waiting for a thread before more are refused (503): identical requests share one and do not count. */
const MAX_WAITING_ANALYSES = 64

/**
 * Analysis threads: one per core but one, which the main thread keeps for every other request (and, on one machine,
 * the database shares); no more than a quarter of the database pool, since an analysis holds one or two connections
 * while it reads; at least one.
 */
function analysisThreadCount(pool: pg.Pool): number {
  const connections = (pool as pg.Pool & { options: { max?: number } }).options.max ?? 10
  return Math.max(1, Math.min(os.availableParallelism() - 1, Math.floor(connections / 4)))
}

const NO_PERIOD: Period = { from: '', to: '' }

export const hotspotRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.pg.pool
  const threads = new AnalysisThreads(analysisThreadCount(pool), MAX_WAITING_ANALYSES)
  const cache = new AnalysisCache()
  app.addHook('onClose', () => threads.close())

  /**
   * Every analysis route's answer: from the cache when the data and harm weights are unchanged since it was worked
   * out (`key`: the route and its parameters as parsed), else read by `prepare` and worked out on an analysis thread.
   * Sent as the text the thread serialised; the answer headers say the period used and how the answer was found.
   */
  async function analysed(reply: FastifyReply, period: Period | null, key: unknown[], prepare: () => Promise<AnalysisJob>) {
    const { json, outcome } = await cache.answer(pool, JSON.stringify(key), () => threads.run(prepare))
    return reply.header(PERIOD_HEADER, periodHeaderValue(period)).header(ANALYSIS_HEADER, outcome).type('application/json; charset=utf-8').send(json)
  }

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
      const { params: filter, period } = await app.incidentFilter.parse(query)
      const councils = await parseCouncils(pool, query.lad)
      const key = ['gistar', filter, period, councils, query.res, query.k, query.fdr, query.measure]
      return analysed(reply, period, key, async () => ({
        kind: 'gistar',
        area: await app.studyAreas.spec(councils, query.res, query.k),
        rows: await readCellColumns(pool, { filter, res: query.res }),
        councils: councils ?? (await pool.query('SELECT code FROM councils ORDER BY code')).rows.map((row) => row.code),
        fdr: query.fdr,
        measure: query.measure,
        period: period ?? NO_PERIOD,
      }))
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
      const { params: filter, period } = await app.incidentFilter.parse(query)
      const councils = await parseCouncils(pool, query.lad)
      if (!period) {
        return {
          period: NO_PERIOD, res: query.res, k: query.k, fdr: query.fdr, halfLifeMonths: query.halfLife, recentMonths: query.recent,
          measure: query.measure, total: 0, caveats: PROBLEM_LOCATION_CAVEATS, locations: [],
        }
      }
      const key = ['problem-locations', filter, period, councils, query.res, query.k, query.fdr, query.measure, query.halfLife, query.recent, query.limit]
      return analysed(reply, period, key, async () => ({
        kind: 'problem-locations',
        area: await app.studyAreas.spec(councils, query.res, query.k),
        rows: await readHotspotRows(pool, { filter, res: query.res }, period),
        period,
        fdr: query.fdr,
        measure: query.measure,
        halfLife: query.halfLife,
        recent: query.recent,
        limit: query.limit,
      }))
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
      const { params: filter, period } = await app.incidentFilter.parse(query)
      const councils = await parseCouncils(pool, query.lad)
      if (!period) {
        const categoryCounts = Object.fromEntries(EMERGING_CATEGORIES.map((name) => [name, 0]))
        return { res: query.res, k: query.k, fdr: query.fdr, measure: query.measure, period: NO_PERIOD, months: 0, cellCount: 0, categoryCounts, cells: [] }
      }
      const key = ['emerging', filter, period, councils, query.res, query.k, query.fdr, query.measure]
      return analysed(reply, period, key, async () => ({
        kind: 'emerging',
        area: await app.studyAreas.spec(councils, query.res, query.k),
        rows: await readCellMonthColumns(pool, { filter, res: query.res }, period),
        period,
        fdr: query.fdr,
        measure: query.measure,
      }))
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
      const { params: filter, period } = await app.incidentFilter.parse(query)
      const councils = await parseCouncils(pool, query.lad)
      const key = ['concentration', filter, period, councils, query.res, query.measure]
      return analysed(reply, period, key, async () => {
        const rows = (await pool.query('SELECT code, name FROM councils WHERE $1::text[] IS NULL OR code = ANY ($1) ORDER BY name', [councils])).rows
        return {
          kind: 'concentration',
          councils: await Promise.all(rows.map(async (row) => ({ code: row.code, name: row.name, area: await app.studyAreas.spec([row.code], query.res, 1) }))),
          rows: await readCellColumns(pool, { filter, res: query.res }),
          res: query.res,
          measure: query.measure,
          period: period ?? NO_PERIOD,
        }
      })
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
      const { params: filter, period } = await app.incidentFilter.parse(query)
      const councils = await parseCouncils(pool, query.lad)
      if (!period) return { res: query.res, lookback: query.lookback, top: query.top, measure: query.measure, period: NO_PERIOD, months: [] }
      const key = ['forecast-accuracy', filter, period, councils, query.res, query.k, query.measure, query.lookback, query.top]
      return analysed(reply, period, key, async () => ({
        kind: 'forecast-accuracy',
        area: await app.studyAreas.spec(councils, query.res, query.k),
        rows: await readCellMonthColumns(pool, { filter, res: query.res }, period),
        period,
        res: query.res,
        lookback: query.lookback,
        top: query.top,
        measure: query.measure,
      }))
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
      const { params: [, , categories], period } = await app.incidentFilter.parse({ from: query.from, to: query.to, categories: query.categories })
      const councils = await parseCouncils(pool, query.lad)
      const measure = query.measure
      reply.header(PERIOD_HEADER, periodHeaderValue(period))
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
