import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { cellToLatLng } from 'h3-js'
import { badRequest, serviceBusy } from '../../lib/errors.js'
import { loadQuery } from '../../lib/sql-file.js'
import { currentSession } from '../auth/access.js'
import { categoryIds, monthBounds } from '../counts/count-bounds.js'
import type { GiStarAnswer, ProblemLocationsAnswer } from '../hotspots/schemas.js'
import { parseCategories } from '../incidents/incident-filter.js'
import { PERIOD_HEADER, periodHeaderValue } from '../summary/period-in-data.js'
import { REPORT_READERS, STAFF } from '../users/roles.js'
import { protectTable } from '../ward-reports/suppression.js'
import { ASSUMED_CAVEAT, COVERAGE_CAVEAT, ILLUSTRATIVE_CAVEAT, PLACEMENT_CAVEAT } from './camera-types.js'
import { readTypeDefaults } from './camera-store.js'
import { readCoverage, share } from './coverage.js'
import { greedyCover } from './greedy-cover.js'
import { CoverageAnswer, CoverageQuery, GapsAnswer, GapsQuery, PlacementAnswer, PlacementRequest, type GapCell, type GapLocation } from './schemas.js'

const gapPointsQuery = loadQuery(import.meta.url, 'gap-points.sql')
const placementPairsQuery = loadQuery(import.meta.url, 'placement-pairs.sql')
const placementTodayQuery = loadQuery(import.meta.url, 'placement-today.sql')

/** The filter's months and categories as the count queries take them, and the period used (clamped to the data). */
async function countsFor(app: FastifyInstance, reply: FastifyReply, query: { from?: string; to?: string; categories?: string }) {
  const { params, period } = await app.incidentFilter.parse({ from: query.from, to: query.to, categories: query.categories })
  reply.header(PERIOD_HEADER, periodHeaderValue(period))
  const [start, end] = await monthBounds(app.pg.pool, params[0], params[1])
  return { start, end, categoryIds: await categoryIds(app.pg.pool, params[2]), categories: params[2], period }
}

/**
 * The hotspot analysis for the caller, through its own route: the same Gi* and problem locations the hotspot pages
 * show, from the same analysis cache and threads (decision 0006), rather than a second copy of the analysis here.
 */
async function hotspotAnswer<T>(app: FastifyInstance, request: FastifyRequest, path: string, parameters: Record<string, string | number | undefined>): Promise<T> {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) search.set(name, String(value))
  const response = await app.inject({ method: 'GET', url: `${path}?${search}`, headers: { cookie: request.headers.cookie ?? '' } })
  if (response.statusCode === 200) return response.json() as T
  const message = (response.json() as { message?: string }).message ?? response.body
  if (response.statusCode === 503) throw serviceBusy(`the hotspot analysis is busy: ${message}`)
  if (response.statusCode === 400) throw badRequest(message.split(':')[0] || 'query', message.split(':').slice(1).join(':').trim() || message)
  throw new Error(`${path} answered ${response.statusCode}: ${message}`)
}

interface CellFigures {
  incidents: number
  harm: number
  uncoveredIncidents: number
  uncoveredHarm: number
}

export const cctvAnalysisRoutes: FastifyPluginAsyncTypebox<{ suppressionThreshold: number }> = async (app, options) => {
  const pool = app.pg.pool

  app.get(
    '/api/cctv/coverage',
    {
      config: { access: REPORT_READERS },
      schema: {
        summary: 'Share of incidents and of harm inside any working camera\u2019s view, per ward and overall, and what each camera sees',
        description:
          'Today\u2019s working cameras over the period\u2019s incidents (a category filter optional). Incidents are at police.uk map points: the caveats say so. ' +
          'Councillors get their own wards only, one calendar month (from = to, or the latest month), every category or one, small counts protected as in ward reports.',
        tags: ['cctv'],
        querystring: CoverageQuery,
        response: { 200: CoverageAnswer },
      },
    },
    async (request, reply) => {
      const { user } = currentSession(request)
      const councillor = user.role === 'councillor'
      const query = { ...request.query }
      if (councillor) {
        // The ward reports' rule (docs/access.md): one month, no figure adding up categories, so no figure here
        // can be subtracted from another to narrow a suppressed count.
        if (query.from && query.to && query.from !== query.to) throw badRequest('to', 'a councillor\u2019s coverage covers one calendar month: give from and to alike')
        const categories = parseCategories(query.categories)
        if (categories && categories.length > 1) throw badRequest('categories', 'a councillor\u2019s coverage is for every category or one')
        const month = query.from ?? query.to ?? (await app.dataPeriod.get())?.to
        query.from = month
        query.to = month
      }
      const counts = await countsFor(app, reply, query)
      const wardCodes = councillor ? user.wards.map((ward) => ward.code) : null
      const rows = await readCoverage(pool, { start: counts.start, end: counts.end, categoryIds: counts.categoryIds, wards: wardCodes })
      const working = councillor ? rows.working.filter((camera) => camera.wardCode && wardCodes!.includes(camera.wardCode)) : rows.working
      const caveats = [COVERAGE_CAVEAT]
      if (working.some((camera) => camera.anyAssumed)) caveats.push(ASSUMED_CAVEAT)
      if (working.some((camera) => camera.illustrative)) caveats.push(ILLUSTRATIVE_CAVEAT)
      const camerasIn = (code: string) => working.filter((camera) => camera.wardCode === code).length
      const base = {
        period: counts.period,
        categories: counts.categories,
        caveats,
        workingCameras: working.length,
        assumedCameras: working.filter((camera) => camera.anyAssumed).length,
      }
      if (councillor) {
        const byCode = new Map(rows.wards.map((ward) => [ward.wardCode, ward]))
        return {
          ...base,
          overall: null,
          wards: [],
          cameras: [],
          councillorWards: [...rows.wardNames].map(([code, names]) => {
            const figures = byCode.get(code) ?? { incidents: 0, coveredIncidents: 0, harm: 0, coveredHarm: 0 }
            const table = protectTable([figures.coveredIncidents, figures.incidents - figures.coveredIncidents], options.suppressionThreshold)
            const exact = table.cells.every((cell) => typeof cell === 'number')
            return {
              code,
              name: names.name,
              councilName: names.councilName,
              cameras: camerasIn(code),
              incidents: table.total,
              coveredIncidents: table.cells[0],
              notCoveredIncidents: table.cells[1],
              incidentShare: exact ? share(figures.coveredIncidents, figures.incidents) : null,
              harmShare: exact ? share(figures.coveredHarm, figures.harm) : null,
            }
          }),
        }
      }
      const figures = (ward: { incidents: number; coveredIncidents: number; harm: number; coveredHarm: number }) => ({
        incidents: ward.incidents,
        coveredIncidents: ward.coveredIncidents,
        incidentShare: share(ward.coveredIncidents, ward.incidents),
        harm: ward.harm,
        coveredHarm: ward.coveredHarm,
        harmShare: share(ward.coveredHarm, ward.harm),
      })
      const total = rows.wards.reduce(
        (sum, ward) => ({
          incidents: sum.incidents + ward.incidents,
          coveredIncidents: sum.coveredIncidents + ward.coveredIncidents,
          harm: sum.harm + ward.harm,
          coveredHarm: sum.coveredHarm + ward.coveredHarm,
        }),
        { incidents: 0, coveredIncidents: 0, harm: 0, coveredHarm: 0 },
      )
      const byCode = new Map(rows.wards.filter((ward) => ward.wardCode !== null).map((ward) => [ward.wardCode!, ward]))
      const codes = new Set([...byCode.keys(), ...working.map((camera) => camera.wardCode).filter((code): code is string => code !== null)])
      const wards = [...codes]
        .filter((code) => rows.wardNames.has(code))
        .map((code) => ({
          code,
          name: rows.wardNames.get(code)!.name,
          councilName: rows.wardNames.get(code)!.councilName,
          cameras: camerasIn(code),
          ...figures(byCode.get(code) ?? { incidents: 0, coveredIncidents: 0, harm: 0, coveredHarm: 0 }),
        }))
        .sort((a, b) => b.harm - a.harm || a.name.localeCompare(b.name))
      const seen = new Map(rows.cameras.map((camera) => [camera.id, camera]))
      const cameras = working
        .map((camera) => {
          const sees = seen.get(camera.id) ?? { incidents: 0, harm: 0, onlyIncidents: 0, onlyHarm: 0 }
          return {
            id: camera.id,
            reference: camera.reference,
            name: camera.name,
            type: camera.type,
            anyAssumed: camera.anyAssumed,
            incidents: sees.incidents,
            harm: sees.harm,
            onlyThisCamera: sees.onlyIncidents,
            onlyThisCameraHarm: sees.onlyHarm,
          }
        })
        .sort((a, b) => b.harm - a.harm || a.id - b.id)
      return { ...base, overall: figures(total), wards, cameras }
    },
  )

  /** Incidents and harm per hot cell at `res`, all and outside every working camera's view. */
  async function cellFigures(counts: { start: Date | null; end: Date | null; categoryIds: number[] | null }, res: number): Promise<Map<string, CellFigures>> {
    const { rows } = await pool.query<{ cell: string; incidents: number; harm: number; covered: boolean }>({ ...gapPointsQuery, values: [counts.start, counts.end, counts.categoryIds, res] })
    const cells = new Map<string, CellFigures>()
    for (const row of rows) {
      const cell = cells.get(row.cell) ?? { incidents: 0, harm: 0, uncoveredIncidents: 0, uncoveredHarm: 0 }
      cell.incidents += row.incidents
      cell.harm += row.harm
      if (!row.covered) {
        cell.uncoveredIncidents += row.incidents
        cell.uncoveredHarm += row.harm
      }
      cells.set(row.cell, cell)
    }
    return cells
  }

  const centreOf = (cell: string) => {
    const [lat, lon] = cellToLatLng(cell)
    return { lon, lat }
  }

  /** Significant hot cells (Gi* on harm) with their figures, by harm outside every view. */
  async function hotGaps(request: FastifyRequest, query: { from?: string; to?: string; categories?: string }, res: number, k: number, cells: Map<string, CellFigures>): Promise<Omit<GapCell, 'rank'>[]> {
    const gistar = await hotspotAnswer<GiStarAnswer>(app, request, '/api/hotspots/gistar', { measure: 'harm', res, k, from: query.from, to: query.to, categories: query.categories })
    return gistar.cells
      .filter((cell) => cell.class.startsWith('hot-'))
      .map((cell) => ({ h3: cell.h3, class: cell.class, z: cell.z, centre: centreOf(cell.h3), ...(cells.get(cell.h3) ?? { incidents: 0, harm: 0, uncoveredIncidents: 0, uncoveredHarm: 0 }) }))
      .filter((cell) => cell.uncoveredHarm > 0)
      .sort((a, b) => b.uncoveredHarm - a.uncoveredHarm || b.z - a.z || a.h3.localeCompare(b.h3))
  }

  app.get(
    '/api/cctv/gaps',
    {
      config: { access: STAFF },
      schema: {
        summary: 'Coverage gaps: significant hot cells and problem locations ranked by harm outside every working camera\u2019s view',
        description: 'Hot cells are Gi* on harm (as GET /api/hotspots/gistar?measure=harm) at any confidence; problem locations as GET /api/hotspots/problem-locations?measure=harm.',
        tags: ['cctv'],
        querystring: GapsQuery,
        response: { 200: GapsAnswer },
      },
    },
    async (request, reply) => {
      const query = request.query
      const counts = await countsFor(app, reply, query)
      const caveats = [COVERAGE_CAVEAT]
      if (!counts.period) return { period: null, res: query.res, caveats, cells: [], locations: [] }
      const cells = await cellFigures(counts, query.res)
      const hot = await hotGaps(request, query, query.res, query.k, cells)
      const problems = await hotspotAnswer<ProblemLocationsAnswer>(app, request, '/api/hotspots/problem-locations', {
        measure: 'harm', res: query.res, k: query.k, from: query.from, to: query.to, categories: query.categories, limit: 200,
      })
      const locations: Omit<GapLocation, 'rank'>[] = problems.locations.map((location) => {
        const sum = location.cells.reduce(
          (total, cell) => {
            const figures = cells.get(cell)
            return figures ? { incidents: total.incidents + figures.incidents, harm: total.harm + figures.harm, uncoveredIncidents: total.uncoveredIncidents + figures.uncoveredIncidents, uncoveredHarm: total.uncoveredHarm + figures.uncoveredHarm } : total
          },
          { incidents: 0, harm: 0, uncoveredIncidents: 0, uncoveredHarm: 0 },
        )
        return { name: location.name, problemRank: location.rank, ward: location.ward, cells: location.cells, centre: location.centre, ...sum, uncoveredShare: share(sum.uncoveredHarm, sum.harm) }
      })
      return {
        period: counts.period,
        res: query.res,
        caveats,
        cells: hot.slice(0, query.limit).map((cell, index) => ({ rank: index + 1, ...cell })),
        locations: locations
          .filter((location) => location.uncoveredHarm > 0)
          .sort((a, b) => b.uncoveredHarm - a.uncoveredHarm || a.problemRank - b.problemRank)
          .slice(0, query.limit)
          .map((location, index) => ({ rank: index + 1, ...location })),
      }
    },
  )

  app.post(
    '/api/cctv/placement',
    {
      config: { access: STAFF },
      schema: {
        summary: 'Where to put N redeployable cameras: greedy maximal covering of the harm outside today\u2019s views, with each pick\u2019s marginal gain and the uplift',
        description:
          'Candidates: the sites given, or the centres of hot cells (Gi* on harm) with harm outside every view. Each candidate sees a circle of the range (the type default ' +
          'unless rangeM is given) less what loaded buildings hide. Greedy picks are never below (1 − 1/e) of the best possible; it stops early when no site adds any harm. ' +
          'Redeploy a camera to a pick with POST /api/cctv/cameras/:id/redeploy.',
        tags: ['cctv'],
        body: PlacementRequest,
        response: { 200: PlacementAnswer },
      },
    },
    async (request, reply) => {
      const body = request.body
      const counts = await countsFor(app, reply, body)
      const type = body.type ?? 'redeployable'
      const defaults = (await readTypeDefaults(pool)).values[type]
      const rangeM = body.rangeM ?? (type === 'drone' ? defaults.radiusM : defaults.rangeM)
      const caveats = [COVERAGE_CAVEAT, PLACEMENT_CAVEAT]
      const [today] = (await pool.query({ ...placementTodayQuery, values: [counts.start, counts.end, counts.categoryIds] })).rows
      const todayFigures = { harm: today.harm, coveredHarm: today.covered_harm, harmShare: share(today.covered_harm, today.harm) }
      let sites: { lon: number; lat: number; label: string | null }[]
      let candidateSource: 'sites' | 'hot-cells'
      if (body.sites) {
        sites = body.sites.map((site) => ({ lon: site.lon, lat: site.lat, label: site.label ?? null }))
        candidateSource = 'sites'
      } else {
        candidateSource = 'hot-cells'
        sites = counts.period ? (await hotGaps(request, body, body.res, 1, await cellFigures(counts, body.res))).map((cell) => ({ ...cell.centre, label: `hot cell ${cell.h3}` })) : []
      }
      const empty = { period: counts.period, caveats, rangeM, candidates: sites.length, candidateSource, today: todayFigures }
      if (sites.length === 0) return { ...empty, picks: [], uplift: { harm: 0, incidents: 0, harmShare: share(0, today.harm) } }
      const { rows } = await pool.query<{ site: number; location_id: number; incidents: number; harm: number }>({
        ...placementPairsQuery,
        values: [counts.start, counts.end, counts.categoryIds, sites.map((site) => site.lon), sites.map((site) => site.lat), rangeM],
      })
      // Points as dense indices, each candidate the list of points it would newly see.
      const pointIndex = new Map<number, number>()
      const harm: number[] = []
      const incidents: number[] = []
      const candidates: number[][] = sites.map(() => [])
      for (const row of rows) {
        let index = pointIndex.get(row.location_id)
        if (index === undefined) {
          index = harm.length
          pointIndex.set(row.location_id, index)
          harm.push(row.harm)
          incidents.push(row.incidents)
        }
        candidates[row.site - 1].push(index)
      }
      const { picks, gains } = greedyCover(candidates, Float64Array.from(harm), body.cameras)
      const taken = new Set<number>()
      let covered = today.covered_harm
      let addedIncidents = 0
      const answerPicks = picks.map((candidate, index) => {
        let gainIncidents = 0
        for (const point of candidates[candidate]) {
          if (taken.has(point)) continue
          taken.add(point)
          gainIncidents += incidents[point]
        }
        covered += gains[index]
        addedIncidents += gainIncidents
        return { rank: index + 1, site: sites[candidate], gainHarm: gains[index], gainIncidents, coveredHarmAfter: covered, harmShareAfter: share(covered, today.harm) }
      })
      const upliftHarm = gains.reduce((sum, gain) => sum + gain, 0)
      return { ...empty, picks: answerPicks, uplift: { harm: upliftHarm, incidents: addedIncidents, harmShare: share(upliftHarm, today.harm) } }
    },
  )
}
