import { cellToLatLng } from 'h3-js'
import { clusterCells } from './cluster-cells.js'
import type { Measure } from './measure.js'
import type { GiStarCells } from './gistar-analysis.js'
import type { HotspotInputs } from './hotspot-inputs.js'
import { EMERGING_CATEGORIES, HOTSPOT_CLASSES, type EmergingCategory, type HotspotClass } from './hotspot-classes.js'
import { hotspotSign } from './stats/hotspot-class.js'
import { recencyWeightedScore, recentVersusEarlier, type RecentVersusEarlier } from './stats/recency.js'

export interface ProblemLocation {
  rank: number
  /** The most common police.uk "On or near" place among its incidents. */
  name: string
  ward: { code: string; name: string } | null
  cells: string[]
  centre: { lon: number; lat: number }
  incidents: number
  /** The incidents' harm: the sum of their categories' harm weights. */
  harm: number
  /** What the ranking sorts on: the measure (incidents or harm) weighted by 0.5^(months before the last month / half-life). */
  score: number
  components: {
    measure: Measure
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
    months: { month: string; incidents: number; harm: number }[]
  }
}

export interface RankingOptions {
  measure: Measure
  halfLifeMonths: number
  recentMonths: number
  /** Each cell's emerging hot spot category. */
  emergingOf: (cell: string) => EmergingCategory
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
 * incidents and ranked by the recency-weighted measure, incidents or harm (ties: more of the measure, then more
 * incidents, then the first cell), so the JAG sees recent, persistent concentrations first and every rank can be
 * explained from its components.
 */
export function rankProblemLocations(gistar: GiStarCells, inputs: HotspotInputs, options: RankingOptions): ProblemLocation[] {
  const hot = gistar.area.cells.filter((_, index) => hotspotSign(gistar.classes[index]) === 1)
  const months = inputs.months

  const locations = clusterCells(hot).map((cells) => {
    const incidentsPerMonth = new Array<number>(months.length).fill(0)
    const harmPerMonth = new Array<number>(months.length).fill(0)
    const perMonth = options.measure === 'harm' ? harmPerMonth : incidentsPerMonth
    const places = new Map<string, number>()
    const wards = new Map<string, number>()
    const wardNames = new Map<string, string>()
    const points = new Map<number, { locationId: number; incidents: number; places: Map<string, number> }>()
    let incidents = 0
    let harm = 0
    const indices = cells.map((cell) => gistar.area.indexOf.get(cell)!)
    for (const index of indices) {
      for (let month = 0; month < months.length; month++) {
        incidentsPerMonth[month] += inputs.monthlyIncidents[month][index]
        harmPerMonth[month] += inputs.monthlyHarm[month][index]
      }
    }
    for (const row of cells.flatMap((cell) => inputs.placesByCell.get(cell) ?? [])) {
      incidents += row.incidents
      harm += row.harm
      if (row.place) places.set(row.place, (places.get(row.place) ?? 0) + row.incidents)
      if (row.wardCode) {
        wards.set(row.wardCode, (wards.get(row.wardCode) ?? 0) + row.incidents)
        wardNames.set(row.wardCode, row.wardName ?? row.wardCode)
      }
      const point = points.get(row.locationId) ?? { locationId: row.locationId, incidents: 0, places: new Map<string, number>() }
      point.incidents += row.incidents
      if (row.place) point.places.set(row.place, (point.places.get(row.place) ?? 0) + row.incidents)
      points.set(row.locationId, point)
    }
    const zs = indices.map((index) => gistar.z[index])
    const bestClass = HOTSPOT_CLASSES.find((name) => indices.some((index) => gistar.classes[index] === name))!
    // Ties go to the lower point id and, at a point with several place names, to the commonest name (then the first
    // alphabetically), so the answer does not depend on the order rows arrive in.
    const busiestPoint = [...points.values()].sort((a, b) => b.incidents - a.incidents || a.locationId - b.locationId)[0]
    const busiest = busiestPoint
      ? { incidents: busiestPoint.incidents, place: mostCommon(busiestPoint.places, (a, b) => a.localeCompare(b)) }
      : { incidents: 0, place: null }
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
      harm,
      score: recencyWeighted,
      components: {
        measure: options.measure,
        recencyWeighted,
        halfLifeMonths: options.halfLifeMonths,
        trend: recentVersusEarlier(perMonth, Math.min(options.recentMonths, months.length)),
        maxZ: Math.max(...zs),
        meanZ: zs.reduce((sum, z) => sum + z, 0) / zs.length,
        class: bestClass,
        emerging,
        busiestPoint: { incidents: busiest.incidents, share: incidents ? busiest.incidents / incidents : 0, place: busiest.place },
        months: months.map((month, index) => ({ month, incidents: incidentsPerMonth[index], harm: harmPerMonth[index] })),
      },
    }
  })
  const total = (location: ProblemLocation) => (options.measure === 'harm' ? location.harm : location.incidents)
  locations.sort((a, b) => b.score - a.score || total(b) - total(a) || b.incidents - a.incidents || a.cells[0].localeCompare(b.cells[0]))
  locations.forEach((location, index) => (location.rank = index + 1))
  return locations
}
