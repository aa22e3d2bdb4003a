import os from 'node:os'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type pg from 'pg'
import { badRequest } from '../../lib/errors.js'
import { STAFF } from '../users/roles.js'
import { categoryIds, monthBounds } from '../counts/count-bounds.js'
import { loadQuery } from '../../lib/sql-file.js'
import { comparable, comparisonOf } from '../summary/comparison.js'
import { PERIOD_HEADER, periodHeaderValue, type Period } from '../summary/period-in-data.js'
import { ANALYSIS_HEADER, type AnalysisCache } from './analysis-cache.js'
import { PROBLEM_LOCATION_CAVEATS, type AnalysisJob } from './analysis-jobs.js'
import { AnalysisThreads } from './analysis-threads.js'
import { readCellColumns } from './gistar-analysis.js'
import { readHotspotRows } from './hotspot-inputs.js'
import { measured } from './measure.js'
import { MAX_LOCATION_AREA_KM2 } from './split-at-peaks.js'
import { readCellMonthColumns } from './monthly-cell-values.js'
import { readCellWeekColumns } from './weekly-cell-values.js'
import { EMERGING_CATEGORIES } from './hotspot-classes.js'
import {
  ConcentrationAnswer,
  EmergingAnswer,
  EmergingQuery,
  ForecastAnswer,
  ForecastQuery,
  GiStarAnswer,
  GiStarQuery,
  ProblemLocationsAnswer,
  ProblemLocationsQuery,
  TopWardsAnswer,
  TopWardsQuery,
} from './schemas.js'

const wardRanking = loadQuery(import.meta.url, 'ward-ranking.sql')

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

export const hotspotRoutes: FastifyPluginAsyncTypebox<{ cache: AnalysisCache }> = async (app, { cache }) => {
  const pool = app.pg.pool
  const threads = new AnalysisThreads(analysisThreadCount(pool), MAX_WAITING_ANALYSES)
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
        summary: 'Problem locations: patrol-sized clusters of Gi* hot cells, named, described and ranked',
        description:
          'Clusters of touching cells that Gi* (same parameters as /api/hotspots/gistar) finds hot at any confidence, split at their ' +
          'local peaks into parts of at most maxAreaKm2. Named by their busiest non-generic police.uk places and their ward(s), no two ' +
          'alike; ranked by the recency-weighted measure (half-life in months). Methods: docs/hotspot-methods.md.',
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
          measure: query.measure, comparison: null, total: 0, maxAreaKm2: MAX_LOCATION_AREA_KM2, caveats: PROBLEM_LOCATION_CAVEATS, locations: [],
        }
      }
      const key = ['problem-locations', filter, period, councils, query.res, query.k, query.fdr, query.measure, query.halfLife, query.recent, query.limit]
      return analysed(reply, period, key, async () => {
        const comparison = comparisonOf(period, await app.dataPeriod.months())
        const [, , categories, ward] = filter
        return {
          kind: 'problem-locations',
          area: await app.studyAreas.spec(councils, query.res, query.k),
          rows: await readHotspotRows(pool, { filter, res: query.res }, period),
          period,
          comparison,
          previous: comparable(comparison)
            ? await readCellColumns(pool, { filter: [comparison.period.from, comparison.period.to, categories, ward], res: query.res })
            : null,
          fdr: query.fdr,
          measure: query.measure,
          halfLife: query.halfLife,
          recent: query.recent,
          limit: query.limit,
        }
      })
    },
  )

  app.get(
    '/api/hotspots/emerging',
    {
      config: { access: STAFF },
      schema: {
        summary: 'Emerging hot spots: Gi* month by month (or week by week on timed logs) and a Mann–Kendall trend per cell',
        description: 'Categories (new, consecutive, intensifying, persistent, diminishing, sporadic, oscillating, historical; hot and cold) as defined in docs/hotspot-methods.md.',
        tags: ['hotspots'],
        querystring: EmergingQuery,
        response: { 200: EmergingAnswer },
      },
    },
    async (request, reply) => {
      const query = request.query
      const { params: filter, period } = await app.incidentFilter.parse(query)
      const councils = await parseCouncils(pool, query.lad)
      if (!period) {
        const categoryCounts = Object.fromEntries(EMERGING_CATEGORIES.map((name) => [name, 0]))
        return { res: query.res, k: query.k, fdr: query.fdr, measure: query.measure, period: NO_PERIOD, slices: query.slices, months: 0, weeks: null, cellCount: 0, categoryCounts, cells: [] }
      }
      const key = ['emerging', filter, period, councils, query.res, query.k, query.fdr, query.measure, query.slices]
      return analysed(reply, period, key, async () => {
        const weekly = query.slices === 'week' ? await readCellWeekColumns(pool, { filter, res: query.res }, period) : null
        return {
          kind: 'emerging',
          area: await app.studyAreas.spec(councils, query.res, query.k),
          rows: weekly ? weekly.rows : await readCellMonthColumns(pool, { filter, res: query.res }, period),
          weekly: weekly && { weeks: weekly.weeks, leftOut: weekly.leftOut },
          period,
          fdr: query.fdr,
          measure: query.measure,
        }
      })
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
      if (!period) return { period: NO_PERIOD, comparison: null, measure, wards: [] }
      const comparison = comparisonOf(period, await app.dataPeriod.months())
      const compared = comparable(comparison)
      const [start, end] = await monthBounds(pool, period.from, period.to)
      // Without a comparable period before, the scan starts at the period itself and no figure for before is given.
      const [previousStart] = compared ? await monthBounds(pool, comparison.period.from, null) : [start]
      const rows = (await pool.query({ ...wardRanking, values: [start, end, await categoryIds(pool, categories), councils, previousStart] })).rows
      const now = (row: { incidents: number; harm: number }) => measured(row, measure)
      const before = (row: { previous: number; previous_harm: number }) => measured({ incidents: row.previous, harm: row.previous_harm }, measure)
      rows.sort((a, b) => now(b) - now(a) || a.name.localeCompare(b.name) || a.code.localeCompare(b.code))
      return {
        period,
        comparison,
        measure,
        wards: rows.slice(0, query.limit).map((row, index) => ({
          rank: index + 1,
          code: row.code,
          name: row.name,
          councilName: row.council_name,
          incidents: row.incidents,
          previous: compared ? row.previous : null,
          harm: row.harm,
          previousHarm: compared ? row.previous_harm : null,
          change: compared ? now(row) - before(row) : null,
          changeRatio: compared && before(row) > 0 ? now(row) / before(row) : null,
        })),
      }
    },
  )
}
