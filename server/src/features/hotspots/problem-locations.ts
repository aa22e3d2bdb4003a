import { cellToLatLng } from 'h3-js'
import type pg from 'pg'
import { monthsOf } from '../../lib/months.js'
import { loadQuery } from '../../lib/sql-file.js'
import { clusterCells } from './cluster-cells.js'
import type { GiStarCells, GiStarRequest } from './gistar-analysis.js'
import { EMERGING_CATEGORIES, type EmergingCategory } from './stats/emerging.js'
import { HOTSPOT_CLASSES, hotspotSign, type HotspotClass } from './stats/hotspot-class.js'
import { recencyWeightedScore, recentVersusEarlier, type RecentVersusEarlier } from './stats/recency.js'

const clusterIncidents = loadQuery(import.meta.url, 'cluster-incidents.sql')

export interface ProblemLocation {
  rank: number
  /** The most common police.uk "On or near" place among its incidents. */
  name: string
  ward: { code: string; name: string } | null
  cells: string[]
  centre: { lon: number; lat: number }
  incidents: number
  /** What the ranking sorts on: incidents weighted by 0.5^(months before the last month / half-life). */
  score: number
  components: {
    recencyWeighted: number
    halfLifeMonths: number
    trend: RecentVersusEarlier
    maxZ: number
    meanZ: number
    /** The most confident Gi* class among its cells. */
    class: HotspotClass
    emerging: EmergingCategory
    /** police.uk snaps incidents to shared map points: how many sit on the busiest one. */
    busiestPoint: { incidents: number; share: number; place: string | null }
    months: { month: string; incidents: number }[]
  }
}

export interface RankingOptions {
  halfLifeMonths: number
  recentMonths: number
  /** The months scored: the filter's, or the data's span when the filter is open. */
  from: string
  to: string
  /** Each cell's emerging hot spot category. */
  emergingOf: (cell: string) => EmergingCategory
}

interface IncidentGroup {
  cell: string
  location_id: number
  location_text: string | null
  ward_code: string | null
  ward_name: string | null
  month: string
  incidents: number
}

function mostCommon<T>(tally: Map<T, number>, tieBreak: (a: T, b: T) => number): T | null {
  let best: T | null = null
  let bestCount = -1
  for (const [key, count] of tally) {
    if (count > bestCount || (count === bestCount && best !== null && tieBreak(key, best) < 0)) [best, bestCount] = [key, count]
  }
  return best
}

/**
 * Problem locations: clusters of touching cells that Gi* found hot (at any confidence), each described by its
 * incidents and ranked by recency-weighted incidents (ties: more incidents, then the first cell), so the JAG sees
 * recent, persistent concentrations first and every rank can be explained from its components.
 */
export async function rankProblemLocations(
  pool: pg.Pool,
  request: GiStarRequest,
  gistar: GiStarCells,
  options: RankingOptions,
): Promise<ProblemLocation[]> {
  const hot = gistar.area.cells.filter((_, index) => hotspotSign(gistar.classes[index]) === 1)
  if (hot.length === 0) return []
  const rows = (await pool.query<IncidentGroup>({ ...clusterIncidents, values: [...request.filter, request.res, hot] })).rows
  const byCell = new Map<string, IncidentGroup[]>()
  for (const row of rows) byCell.set(row.cell, [...(byCell.get(row.cell) ?? []), row])
  const months = monthsOf(options.from, options.to)
  const monthIndex = new Map(months.map((month, index) => [month, index]))

  const locations = clusterCells(hot).map((cells) => {
    const perMonth = new Array<number>(months.length).fill(0)
    const places = new Map<string, number>()
    const wards = new Map<string, number>()
    const wardNames = new Map<string, string>()
    const points = new Map<number, { incidents: number; place: string | null }>()
    let incidents = 0
    for (const row of cells.flatMap((cell) => byCell.get(cell) ?? [])) {
      incidents += row.incidents
      const index = monthIndex.get(row.month)
      if (index !== undefined) perMonth[index] += row.incidents
      if (row.location_text) places.set(row.location_text, (places.get(row.location_text) ?? 0) + row.incidents)
      if (row.ward_code) {
        wards.set(row.ward_code, (wards.get(row.ward_code) ?? 0) + row.incidents)
        wardNames.set(row.ward_code, row.ward_name ?? row.ward_code)
      }
      const point = points.get(row.location_id) ?? { incidents: 0, place: row.location_text }
      point.incidents += row.incidents
      points.set(row.location_id, point)
    }
    const indices = cells.map((cell) => gistar.area.indexOf.get(cell)!)
    const zs = indices.map((index) => gistar.z[index])
    const bestClass = HOTSPOT_CLASSES.find((name) => indices.some((index) => gistar.classes[index] === name))!
    const busiest = [...points.values()].sort((a, b) => b.incidents - a.incidents)[0] ?? { incidents: 0, place: null }
    const wardCode = mostCommon(wards, (a, b) => a.localeCompare(b))
    const centres = cells.map((cell) => cellToLatLng(cell))
    const recencyWeighted = recencyWeightedScore(perMonth, options.halfLifeMonths)
    // The category most of its cells share; ties go to the one listed first (hot categories before cold).
    const categories = new Map<EmergingCategory, number>()
    for (const cell of cells) {
      const category = options.emergingOf(cell)
      if (category !== 'none') categories.set(category, (categories.get(category) ?? 0) + 1)
    }
    const emerging = mostCommon(categories, (a, b) => EMERGING_CATEGORIES.indexOf(a) - EMERGING_CATEGORIES.indexOf(b)) ?? 'none'
    return {
      rank: 0,
      name: mostCommon(places, (a, b) => a.localeCompare(b)) ?? 'Unnamed place',
      ward: wardCode ? { code: wardCode, name: wardNames.get(wardCode)! } : null,
      cells,
      centre: {
        lat: centres.reduce((sum, [lat]) => sum + lat, 0) / centres.length,
        lon: centres.reduce((sum, [, lon]) => sum + lon, 0) / centres.length,
      },
      incidents,
      score: recencyWeighted,
      components: {
        recencyWeighted,
        halfLifeMonths: options.halfLifeMonths,
        trend: recentVersusEarlier(perMonth, Math.min(options.recentMonths, months.length)),
        maxZ: Math.max(...zs),
        meanZ: zs.reduce((sum, z) => sum + z, 0) / zs.length,
        class: bestClass,
        emerging,
        busiestPoint: { incidents: busiest.incidents, share: incidents ? busiest.incidents / incidents : 0, place: busiest.place },
        months: months.map((month, index) => ({ month, incidents: perMonth[index] })),
      },
    }
  })
  locations.sort((a, b) => b.score - a.score || b.incidents - a.incidents || a.cells[0].localeCompare(b.cells[0]))
  locations.forEach((location, index) => (location.rank = index + 1))
  return locations
}
