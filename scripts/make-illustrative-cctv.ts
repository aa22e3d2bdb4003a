// tsx scripts/make-illustrative-cctv.ts [output]: an illustrative CCTV register for Stockton-on-Tees, written to
// geodata/cctv/stockton-illustrative-cctv.csv unless another path is given. No public register exists for Stockton,
// so the cameras stand by the places with most police.uk incidents in each Stockton ward over the bundled months (a
// stand-in for high footfall: town centres, shopping streets, the stations), turned towards the busiest neighbouring
// point. Types and views are made up; every row says so, and the demo load stores them as illustrative.
// Deterministic: the same bundled data gives the same file.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { projectRoot } from '../server/src/config.js'
import { parseCsvRows } from '../server/src/features/cctv/csv-rows.js'

const STOCKTON = 'E06000004'
/** Cameras per ward: the busiest points, and more in the wards with most incidents (the town centres). */
const PER_WARD = 1
const EXTRA_IN_BUSIEST_WARDS = [4, 3, 2, 2, 1]
/** How far the camera stands back from the point it watches, metres. */
const STAND_OFF_M = 15

type Ring = [number, number][]
interface Ward {
  code: string
  name: string
  polygons: Ring[][]
}

function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

const inWard = (lon: number, lat: number, ward: Ward) => ward.polygons.some(([outer, ...holes]) => inRing(lon, lat, outer) && !holes.some((hole) => inRing(lon, lat, hole)))

/** Bearing from a to b, degrees clockwise from north, on a local flat approximation (points are metres apart). */
function bearing(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const dx = (b.lon - a.lon) * Math.cos((a.lat * Math.PI) / 180)
  const dy = b.lat - a.lat
  return Math.round(((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360)
}

function metres(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const dx = (b.lon - a.lon) * Math.cos((a.lat * Math.PI) / 180) * 111_320
  const dy = (b.lat - a.lat) * 110_574
  return Math.hypot(dx, dy)
}

function csvField(value: string | number): string {
  const text = String(value)
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function makeIllustrativeRegister(): string {
  const boundaries = JSON.parse(fs.readFileSync(path.join(projectRoot, 'geodata/boundaries/wards-dec2023-cleveland.geojson'), 'utf8'))
  const wards: Ward[] = boundaries.features
    .filter((feature: { properties: { LAD23CD: string } }) => feature.properties.LAD23CD === STOCKTON)
    .map((feature: { properties: { WD23CD: string; WD23NM: string }; geometry: { type: string; coordinates: unknown } }) => ({
      code: feature.properties.WD23CD,
      name: feature.properties.WD23NM,
      polygons: feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates as Ring[]] : (feature.geometry.coordinates as Ring[][]),
    }))
  // Incidents per map point (with its commonest place name) over every bundled month.
  const points = new Map<string, { lon: number; lat: number; incidents: number; places: Map<string, number> }>()
  const dir = path.join(projectRoot, 'geodata/police-uk')
  for (const name of fs.readdirSync(dir).filter((file) => file.endsWith('.csv.gz')).sort()) {
    const { rows } = parseCsvRows(zlib.gunzipSync(fs.readFileSync(path.join(dir, name))).toString('utf8'))
    const header = rows[0].fields
    const [lonAt, latAt, placeAt] = ['Longitude', 'Latitude', 'Location'].map((column) => header.indexOf(column))
    for (const { fields } of rows.slice(1)) {
      if (!fields[lonAt] || !fields[latAt]) continue
      const key = `${fields[lonAt]},${fields[latAt]}`
      const point = points.get(key) ?? { lon: Number(fields[lonAt]), lat: Number(fields[latAt]), incidents: 0, places: new Map() }
      point.incidents += 1
      point.places.set(fields[placeAt], (point.places.get(fields[placeAt]) ?? 0) + 1)
      points.set(key, point)
    }
  }
  const byWard = wards.map((ward) => ({
    ward,
    points: [...points.values()].filter((point) => inWard(point.lon, point.lat, ward)).sort((a, b) => b.incidents - a.incidents || a.lon - b.lon || a.lat - b.lat),
  }))
  byWard.sort((a, b) => b.points.reduce((sum, point) => sum + point.incidents, 0) - a.points.reduce((sum, point) => sum + point.incidents, 0) || a.ward.code.localeCompare(b.ward.code))
  const lines = ['reference,name,location,ward,type,status,lon,lat,bearing_deg,fov_deg,range_m,radius_m,mounting_height_m,notes']
  let serial = 0
  byWard.forEach(({ ward, points: wardPoints }, wardRank) => {
    const wanted = PER_WARD + (EXTRA_IN_BUSIEST_WARDS[wardRank] ?? 0)
    const chosen: typeof wardPoints = []
    // The busiest points, at least 80 m apart, so two cameras do not watch the same corner.
    for (const point of wardPoints) {
      if (chosen.length === wanted) break
      if (chosen.every((other) => metres(other, point) >= 80)) chosen.push(point)
    }
    chosen.forEach((point, index) => {
      serial += 1
      const place = [...point.places].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0].replace(/^On or near /, '')
      // Turned towards the busiest other point within 150 m, else north; standing back from the watched point.
      const neighbour = wardPoints.find((other) => other !== point && metres(other, point) > 10 && metres(other, point) <= 150)
      const facing = neighbour ? bearing(point, neighbour) : 0
      const back = ((facing + 180) * Math.PI) / 180
      const lon = point.lon + (STAND_OFF_M * Math.sin(back)) / (111_320 * Math.cos((point.lat * Math.PI) / 180))
      const lat = point.lat + (STAND_OFF_M * Math.cos(back)) / 110_574
      // A made-up mix: PTZ domes in the busiest wards' centres, fixed cameras elsewhere, a few redeployables, one drone.
      const type = serial === 1 ? 'drone' : serial % 9 === 0 ? 'redeployable' : wardRank < 5 && index === 0 ? 'ptz' : 'fixed'
      const view = {
        ptz: { fov: 360, range: 100 },
        fixed: { fov: 60, range: 50 },
        redeployable: { fov: 90, range: 60 },
        drone: { fov: 360, range: 500 },
      }[type]!
      lines.push(
        [
          `ILL-${String(serial).padStart(3, '0')}`,
          `${place} (illustrative)`,
          place,
          ward.name,
          type,
          'working',
          lon.toFixed(6),
          lat.toFixed(6),
          facing,
          view.fov,
          view.range,
          type === 'drone' ? 500 : view.range,
          type === 'drone' ? 60 : type === 'ptz' ? 8 : 5,
          `Illustrative: not a real camera. Placed by scripts/make-illustrative-cctv.ts at the police.uk map point with the ${index === 0 ? 'most' : 'next most'} incidents in ${ward.name} (${point.incidents}).`,
        ]
          .map(csvField)
          .join(','),
      )
    })
  })
  return `${lines.join('\n')}\n`
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const output = process.argv[2] ?? path.join(projectRoot, 'geodata/cctv/stockton-illustrative-cctv.csv')
  const text = makeIllustrativeRegister()
  fs.writeFileSync(output, text)
  console.log(`${output}: ${text.trim().split('\n').length - 1} illustrative cameras`)
}
