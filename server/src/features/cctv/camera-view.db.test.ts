// A camera's view as migration 015 draws it (camera_sight, kept in cameras.view_geom by its trigger), against plain
// geodesic distance and azimuth: what is in front within range is seen, what is behind or beyond is not, and a
// building hides what lies behind it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../../../tests/support/test-app.js'

let testApp: TestApp
const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows
const CAMERA = { lon: -1.3172, lat: 54.5658 } // Stockton High Street

/** A camera straight into the table; the view follows from the trigger. */
async function camera(type: string, bearing: number, fov: number, range: number, radius = 500, at = CAMERA): Promise<number> {
  const [row] = await sql(
    `INSERT INTO cameras (owner, reference, name, type, mounting_height_m, bearing_deg, fov_deg, range_m, radius_m, geom)
     VALUES ('Test', $1, 'Test camera', $2, 6, $3, $4, $5, $6, ST_SetSRID(ST_MakePoint($7, $8), 4326)) RETURNING id::int`,
    [`T${Math.random()}`, type, bearing, fov, range, radius, at.lon, at.lat],
  )
  return row.id
}

/** Whether the camera sees the point `distance` metres away at `azimuth` degrees from it (on the spheroid). */
async function sees(id: number, distance: number, azimuth: number): Promise<boolean> {
  const [row] = await sql(
    `SELECT ST_Intersects(c.view_geom, ST_Project(c.geom::geography, $2::float8, radians($3::float8))::geometry) AS seen FROM cameras c WHERE c.id = $1`,
    [id, distance, azimuth],
  )
  return row.seen
}

beforeAll(async () => {
  testApp = await startTestApp()
})
afterAll(() => testApp.close())

describe('a camera\u2019s view', () => {
  it('a fixed camera sees a point in front within range, not one behind it, beside its angle or beyond its range', async () => {
    const id = await camera('fixed', 90, 60, 100)
    expect(await sees(id, 50, 90)).toBe(true)
    expect(await sees(id, 95, 115)).toBe(true)
    expect(await sees(id, 50, 270)).toBe(false)
    expect(await sees(id, 50, 125)).toBe(false)
    expect(await sees(id, 105, 90)).toBe(false)
  })

  it('a sector across north wraps round (bearing 350 ± 30)', async () => {
    const id = await camera('redeployable', 350, 60, 80)
    expect(await sees(id, 40, 10)).toBe(true)
    expect(await sees(id, 40, 330)).toBe(true)
    expect(await sees(id, 40, 30)).toBe(false)
  })

  it('a PTZ camera sees all round to its range; a drone to its radius', async () => {
    const ptz = await camera('ptz', 0, 360, 100)
    for (const azimuth of [0, 100, 200, 300]) expect(await sees(ptz, 90, azimuth)).toBe(true)
    expect(await sees(ptz, 110, 200)).toBe(false)
    const drone = await camera('drone', 0, 360, 100, 500)
    expect(await sees(drone, 450, 45)).toBe(true)
    expect(await sees(drone, 550, 45)).toBe(false)
  })

  it('agrees with geodesic distance and azimuth at 400 points away from its edges', async () => {
    const id = await camera('fixed', 200, 70, 120)
    const rows = await sql(
      `WITH pts AS (SELECT (random() * 160)::float8 AS d, (random() * 360)::float8 AS az FROM generate_series(1, 400))
       SELECT d, az, ST_Intersects(c.view_geom, ST_Project(c.geom::geography, d, radians(az))::geometry) AS seen FROM pts, cameras c WHERE c.id = $1`,
      [id],
    )
    let checked = 0
    for (const { d, az, seen } of rows) {
      const off = Math.abs((((az - 200) % 360) + 540) % 360 - 180)
      // Within 1.5 m of the arc or 1° of a side the polygon's chords may differ from the true curve.
      if (Math.abs(d - 120) < 1.5 || Math.abs(off - 35) < 1 || d < 1) continue
      checked += 1
      expect(seen, `${d} m at ${az}°`).toBe(d <= 120 && off <= 35)
    }
    expect(checked).toBeGreaterThan(300)
  })
})

describe('buildings', () => {
  it('hide what lies behind them, not what lies beside them; the building a camera is on hides nothing', async () => {
    const id = await camera('fixed', 90, 90, 100)
    expect(await sees(id, 60, 90)).toBe(true)
    // A 10 m square 30–40 m east of the camera, in British National Grid metres.
    await sql(
      `INSERT INTO camera_buildings (geom)
       SELECT ST_Transform(ST_MakeEnvelope(ST_X(p) + 30, ST_Y(p) - 5, ST_X(p) + 40, ST_Y(p) + 5, 27700), 4326)
         FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 27700) AS p) AS c`,
      [CAMERA.lon, CAMERA.lat],
    )
    expect(await sees(id, 60, 90)).toBe(false)
    expect(await sees(id, 35, 90)).toBe(false)
    expect(await sees(id, 20, 90)).toBe(true)
    expect(await sees(id, 60, 60)).toBe(true)
    expect(await sees(id, 90, 120)).toBe(true)
    // The shadow matches its plain geometry: the sector less the wedge behind the square (in BNG metres).
    const [areas] = await sql(
      `SELECT ST_Area(ST_Transform(view_geom, 27700)) AS seen, ST_Area(camera_view_bng(type, geom, bearing_deg, fov_deg, range_m, radius_m)) AS whole FROM cameras WHERE id = $1`,
      [id],
    )
    // The square subtends 2·atan(5/30); behind its near face everything to 100 m is hidden.
    const half = Math.atan(5 / 30)
    const hidden = (100 ** 2 - 30 ** 2) * Math.tan(half)
    expect(areas.whole - areas.seen).toBeGreaterThan(hidden * 0.97)
    expect(areas.whole - areas.seen).toBeLessThan(hidden * 1.03)
    // A camera on the building's east wall looks away from it, unblocked.
    const [wall] = await sql(
      `SELECT ST_X(q) AS lon, ST_Y(q) AS lat FROM (SELECT ST_Transform(ST_Translate(ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 27700), 40, 0), 4326) AS q) AS x`,
      [CAMERA.lon, CAMERA.lat],
    )
    const onWall = await camera('fixed', 90, 90, 50, 500, wall)
    expect(await sees(onWall, 30, 90)).toBe(true)
  })
})
