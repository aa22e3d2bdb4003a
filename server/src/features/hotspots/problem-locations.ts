import { cellToLatLng, greatCircleDistance } from 'h3-js'
import { clusterCells } from './cluster-cells.js'
import { isGenericPlace, NEAREST_STREET_METRES, stripOnOrNear, uniqueNames } from './place-names.js'
import { areaKm2, MAX_LOCATION_AREA_KM2, splitAtPeaks } from './split-at-peaks.js'
import type { Measure } from './measure.js'
import type { GiStarCells } from './gistar-analysis.js'
import type { HotspotInputs } from './hotspot-inputs.js'
import { EMERGING_CATEGORIES, HOTSPOT_CLASSES, type EmergingCategory, type HotspotClass } from './hotspot-classes.js'
import { hotspotSign } from './stats/hotspot-class.js'
import { recencyWeightedScore, recentVersusEarlier, type RecentVersusEarlier } from './stats/recency.js'

export interface ProblemLocation {
  rank: number
  /** Its busiest named streets and its ward(s), unique in the list (place-names.ts). */
  name: string
  /** The ward holding most of its incidents. */
  ward: { code: string; name: string } | null
  cells: string[]
  /** The cells' area in km², at most MAX_LOCATION_AREA_KM2 where a cell is smaller than that. */
  areaKm2: number
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
  /** The largest area a location may cover (split-at-peaks.ts); MAX_LOCATION_AREA_KM2 by default. */
  maxAreaKm2?: number
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

interface NamedPoint {
  name: string
  locationId: number
  lat: number
  lon: number
}

/** Every map point the analysis read that carries a non-generic place name, once per point and name. */
function namedPointsOf(inputs: HotspotInputs): NamedPoint[] {
  const points = new Map<string, NamedPoint>()
  for (const rows of inputs.placesByCell.values()) {
    for (const row of rows) {
      const name = row.place === null ? '' : stripOnOrNear(row.place)
      if (!isGenericPlace(name)) points.set(`${row.locationId} ${name}`, { name, locationId: row.locationId, lat: row.lat, lon: row.lon })
    }
  }
  return [...points.values()]
}

/** Degrees of latitude in NEAREST_STREET_METRES (a metre of latitude is the same everywhere), with room to spare. */
const NEAR_LAT_DEGREES = (NEAREST_STREET_METRES / 111_000) * 1.01

/**
 * The named place whose map point is nearest `around`, within NEAREST_STREET_METRES; null when none is that near.
 * Ties go to the lower point id, then the name. A box in degrees rules most points out before the distance is measured.
 */
function nearestNamedStreet(around: { lat: number; lon: number }, named: readonly NamedPoint[]): string | null {
  const nearLon = NEAR_LAT_DEGREES / Math.max(0.01, Math.cos((around.lat * Math.PI) / 180))
  let best: (NamedPoint & { metres: number }) | null = null
  for (const point of named) {
    if (Math.abs(point.lat - around.lat) > NEAR_LAT_DEGREES || Math.abs(point.lon - around.lon) > nearLon) continue
    const metres = greatCircleDistance([around.lat, around.lon], [point.lat, point.lon], 'm')
    if (metres > NEAREST_STREET_METRES) continue
    const better = !best || metres < best.metres || (metres === best.metres && (point.locationId < best.locationId || (point.locationId === best.locationId && point.name < best.name)))
    if (better) best = { ...point, metres }
  }
  return best?.name ?? null
}

/**
 * Problem locations: clusters of touching cells that Gi* found hot (at any confidence), split at their local peaks
 * into patrol-sized parts (split-at-peaks.ts), those with incidents of their own each described by its incidents, named by its streets and ward(s)
 * (place-names.ts) and ranked by the recency-weighted measure, incidents or harm (ties: more of the measure, then
 * more incidents, then the first cell), so the JAG sees recent, persistent concentrations first and every rank can
 * be explained from its components.
 */
export function rankProblemLocations(gistar: GiStarCells, inputs: HotspotInputs, options: RankingOptions): ProblemLocation[] {
  const hot = gistar.area.cells.filter((_, index) => hotspotSign(gistar.classes[index]) === 1)
  const months = inputs.months
  const valueOf = (cell: string) => inputs.totals[gistar.area.indexOf.get(cell)!]
  const parts = clusterCells(hot).flatMap((cluster) => splitAtPeaks(cluster, valueOf, options.maxAreaKm2 ?? MAX_LOCATION_AREA_KM2))
  // What each location is named from, kept aside until the list is in rank order (names are made unique in that order).
  const namingOf = new Map<ProblemLocation, { places: Map<string, number>; wards: Map<string, number>; around: { lat: number; lon: number } }>()

  const locations = parts.map((cells): ProblemLocation => {
    const incidentsPerMonth = new Array<number>(months.length).fill(0)
    const harmPerMonth = new Array<number>(months.length).fill(0)
    const perMonth = options.measure === 'harm' ? harmPerMonth : incidentsPerMonth
    const places = new Map<string, number>()
    const wards = new Map<string, number>()
    const wardNames = new Map<string, string>()
    const points = new Map<number, { locationId: number; incidents: number; places: Map<string, number>; lat: number; lon: number }>()
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
      const point = points.get(row.locationId) ?? { locationId: row.locationId, incidents: 0, places: new Map<string, number>(), lat: row.lat, lon: row.lon }
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
    const centre = {
      lat: centres.reduce((sum, [lat]) => sum + lat, 0) / centres.length,
      lon: centres.reduce((sum, [, lon]) => sum + lon, 0) / centres.length,
    }
    const location: ProblemLocation = {
      rank: 0,
      name: '',
      ward: wardCode ? { code: wardCode, name: wardNames.get(wardCode)! } : null,
      cells,
      areaKm2: areaKm2(cells),
      centre,
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
    const wardsByName = new Map([...wards].map(([code, count]) => [wardNames.get(code)!, count]))
    namingOf.set(location, { places, wards: wardsByName, around: busiestPoint ?? centre })
    return location
  })
  const total = (location: ProblemLocation) => (options.measure === 'harm' ? location.harm : location.incidents)
  // A part with no incidents of its own (hot only through its neighbours, left over when a cluster was split) is no
  // place to send a patrol.
  const located = locations.filter((location) => location.incidents > 0)
  located.sort((a, b) => b.score - a.score || total(b) - total(a) || b.incidents - a.incidents || a.cells[0].localeCompare(b.cells[0]))
  located.forEach((location, index) => (location.rank = index + 1))
  let named: NamedPoint[] | null = null
  const names = uniqueNames(
    located.map((location) => {
      const naming = namingOf.get(location)!
      const generic = [...naming.places.keys()].every((place) => isGenericPlace(stripOnOrNear(place)))
      return { ...naming, centre: location.centre, nearestStreet: generic ? nearestNamedStreet(naming.around, (named ??= namedPointsOf(inputs))) : null }
    }),
  )
  located.forEach((location, index) => (location.name = names[index]))
  return located
}
