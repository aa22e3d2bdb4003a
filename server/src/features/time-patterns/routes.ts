import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { loadQuery } from '../../lib/sql-file.js'
import { countFilter } from '../counts/count-bounds.js'
import { PERIOD_HEADER, periodHeaderValue } from '../summary/period-in-data.js'
import { STAFF } from '../users/roles.js'
import { badRequest } from '../../lib/errors.js'
import { areaSpec } from '../tasks/task-area.js'
import { TASKERS } from '../users/roles.js'
import { suggestKeyTimes } from './key-times.js'
import { DemandAnswer, DemandQuery, KeyTimesAnswer, KeyTimesRequest, TimedSourceList } from './schemas.js'

const demandGrid = loadQuery(import.meta.url, 'demand-grid.sql')
const demandWeeks = loadQuery(import.meta.url, 'demand-weeks.sql')
const sourceList = loadQuery(import.meta.url, 'sources.sql')
const areaDemand = loadQuery(import.meta.url, 'area-demand.sql')

/** Every Monday from the first week to the last (YYYY-MM-DD), weeks with no incident as 0, so a chart's gaps show. */
export function everyWeek(counted: { week: string; incidents: number }[]): { week: string; incidents: number }[] {
  if (counted.length === 0) return []
  const byWeek = new Map(counted.map((row) => [row.week, row.incidents]))
  const weeks: { week: string; incidents: number }[] = []
  const last = Date.parse(`${counted[counted.length - 1].week}T00:00:00Z`)
  for (let at = Date.parse(`${counted[0].week}T00:00:00Z`); at <= last; at += 7 * 86_400_000) {
    const week = new Date(at).toISOString().slice(0, 10)
    weeks.push({ week, incidents: byWeek.get(week) ?? 0 })
  }
  return weeks
}

/** Hours of a window [from, to), wrapping past midnight when `to` is not after `from` (22 → 6: 22:00–06:00). */
export function windowHours(from: number, to: number): number[] {
  const hours: number[] = []
  for (let hour = from; hours.length < 24; hour = (hour + 1) % 24) {
    if (hours.length > 0 && hour === to % 24) break
    hours.push(hour)
  }
  return hours
}

export const timePatternRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/time-patterns/demand',
    {
      config: { access: STAFF },
      schema: {
        summary: 'Demand by weekday and hour of day (UK local time) for the incident filter, from incidents with a time of day; says how many it left out',
        tags: ['time-patterns'],
        querystring: DemandQuery,
        response: { 200: DemandAnswer },
      },
    },
    async (request, reply) => {
      const { params, period } = await app.incidentFilter.parse(request.query)
      reply.header(PERIOD_HEADER, periodHeaderValue(period))
      const values = [...(await countFilter(app.pg.pool, params)), request.query.source ?? null]
      const [{ rows }, weeks] = await Promise.all([
        app.pg.query<{ weekday: number | null; hour: number | null; incidents: number }>({ ...demandGrid, values }),
        app.pg.query<{ week: string; incidents: number }>({ ...demandWeeks, values }),
      ])
      const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0))
      let leftOut = 0
      for (const row of rows) {
        if (row.weekday === null || row.hour === null) leftOut = row.incidents
        else grid[row.weekday][row.hour] = row.incidents
      }
      const incidents = grid.flat().reduce((sum, n) => sum + n, 0)
      const { windowFrom, windowTo } = request.query
      const inWindow = grid.reduce((sum, day) => sum + windowHours(windowFrom, windowTo).reduce((daySum, hour) => daySum + day[hour], 0), 0)
      return {
        grid, incidents, leftOut,
        window: { from: windowFrom, to: windowTo, incidents: inWindow, share: incidents === 0 ? null : inWindow / incidents },
        weeks: everyWeek(weeks.rows),
      }
    },
  )

  app.get(
    '/api/time-patterns/sources',
    {
      config: { access: STAFF },
      schema: {
        summary: 'Every incident source with how many of its incidents have a time of day or a date, and its span: for choosing a source',
        tags: ['time-patterns'],
        response: { 200: TimedSourceList },
      },
    },
    async () => {
      const { rows } = await app.pg.query<{ source: string; incidents: number; to_the_minute: number; to_the_day: number; first_day: string; last_day: string; illustrative: boolean }>(sourceList)
      return {
        items: rows.map((row) => ({
          source: row.source, incidents: row.incidents, toTheMinute: row.to_the_minute, toTheDay: row.to_the_day,
          firstDay: row.first_day, lastDay: row.last_day, illustrative: row.illustrative,
        })),
      }
    },
  )

  app.post(
    '/api/time-patterns/key-times',
    {
      config: { access: TASKERS },
      schema: {
        summary: 'Key times for a task area: the fewest weekday \u00d7 hour cells holding a share of its incidents with a time of day, over the last months of the timed data',
        tags: ['time-patterns'],
        body: KeyTimesRequest,
        response: { 200: KeyTimesAnswer },
      },
    },
    async (request) => {
      const { area, share, categories, months } = request.body
      const spec = areaSpec(area)
      const { rows } = await app.pg.query<{ weekday: number | null; hour: number | null; incidents: number; first_day: string | null; last_day: string | null }>({
        ...areaDemand,
        values: [spec.geojson, spec.ward, categories && categories.length > 0 ? categories : null, months],
      }).catch((error: unknown) => {
        // A drawn shape PostGIS cannot read is the caller's, not the server's, fault.
        if (error instanceof Error && /GeoJSON|geometry/i.test(error.message)) throw badRequest('area.polygon', 'is not a shape PostGIS can read')
        throw error
      })
      const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0))
      let leftOut = 0
      let firstDay: string | null = null
      let lastDay: string | null = null
      for (const row of rows) {
        if (row.weekday === null || row.hour === null) {
          leftOut = row.incidents
          firstDay = row.first_day
          lastDay = row.last_day
        } else grid[row.weekday][row.hour] = row.incidents
      }
      const suggestion = suggestKeyTimes(grid, share)
      return { keyTimes: suggestion.keyTimes, hours: suggestion.hours, covered: suggestion.covered, incidents: suggestion.total, leftOut, grid, firstDay, lastDay }
    },
  )
}
