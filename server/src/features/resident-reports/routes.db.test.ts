// Resident reports (issue 16) through the API against a real PostGIS: the public form's limits and their messages,
// photos re-encoded with their metadata gone (read back with sharp), a receipt showing its own report and nothing
// else, moderation moves, every count exact against plain SQL after accept, merge, reject and withdraw, messages both
// ways, the notification hook, erasure after the retention period, and the poster's QR code (decoded from the rendered poster).
import jsQR from 'jsqr'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, policeUkFile, signIn, createTestUser, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'
import { reportMultipart, type FormPhoto } from '../../../../tests/support/report-form.js'
import { countMismatches } from '../counts/count-mismatches.js'
import { eraseExpiredReports } from './erasure.js'
import type { ReportNotification } from './routes.js'
import type { ReceiptAnswer, ReportDetail } from './schemas.js'

const TOWN_CENTRE = 'E05014882' // Stockton Town Centre (WD23)
const REPORTS_PER_HOUR = 3

let testApp: TestApp
let analyst: SignedIn
let inspector: SignedIn
let councillor: SignedIn
let officer: SignedIn
let pin: { lon: number; lat: number }
let token: string
let address = 0
const notifications: ReportNotification[] = []

const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows
const call = (method: 'GET' | 'POST', url: string, who: SignedIn | null, payload?: unknown) =>
  testApp.app.inject({ method, url, headers: who?.headers ?? {}, payload: payload as object | undefined })

type Photo = FormPhoto

/** A multipart body as a browser's FormData sends it. */
function multipart(fields: Record<string, string>, photos: Photo[] = []): { payload: Buffer; headers: Record<string, string> } {
  const { payload, contentType } = reportMultipart(fields, photos)
  return { payload, headers: { 'content-type': contentType } }
}

const baseFields = (extra: Record<string, string> = {}) => ({
  formToken: token,
  website: '',
  category: 'youth-nuisance',
  lon: String(pin.lon),
  lat: String(pin.lat),
  ongoing: 'true',
  description: 'Group kicking a ball at windows\nevery evening.',
  ...extra,
})

/** Each submission from its own address, unless a test wants the per-address limit. */
async function submit(fields: Record<string, string>, photos: Photo[] = [], from = `10.1.0.${++address}`) {
  const body = multipart(fields, photos)
  return testApp.app.inject({ method: 'POST', url: '/api/reports', remoteAddress: from, ...body })
}

async function newReport(extra: Record<string, string> = {}, photos: Photo[] = []): Promise<{ id: number; receipt: string }> {
  const response = await submit(baseFields(extra), photos)
  expect(response.statusCode, response.body).toBe(201)
  const { receipt } = response.json()
  const [row] = await sql('SELECT max(id)::int AS id FROM resident_reports')
  return { id: row.id, receipt }
}

const detail = async (id: number): Promise<ReportDetail> => (await call('GET', `/api/reports/${id}`, analyst)).json()
const receiptOf = async (code: string): Promise<ReceiptAnswer> => {
  const response = await call('GET', `/api/reports/receipt/${code}`, null)
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

/** Every rollup as plain GROUP BY over incidents gives, and the summary's and wards' figures as plain SQL counts them. */
async function expectCountsExact(): Promise<void> {
  expect(await countMismatches(testApp.pool)).toEqual({ pointMonth: 0, wardMonth: 0, location: 0, day: 0, hour: 0 })
  const summary = (await call('GET', '/api/summary', analyst)).json()
  const [total] = await sql('SELECT count(*)::int AS n FROM incidents')
  expect(summary.total).toBe(total.n)
  expect(summary.categories).toEqual(await sql('SELECT category, count(*)::int AS count FROM incidents GROUP BY 1 ORDER BY count DESC, category'))
  const wards = (await call('GET', '/api/wards', analyst)).json()
  const byWard = await sql(`SELECT w.code, count(i.id)::int AS n FROM wards w LEFT JOIN locations l ON l.ward_code = w.code
                              LEFT JOIN incidents i ON i.location_id = l.id GROUP BY w.code`)
  expect(new Map(wards.features.map((f: { properties: { code: string; count: number } }) => [f.properties.code, f.properties.count])))
    .toEqual(new Map(byWard.map((row) => [row.code, row.n])))
}

beforeAll(async () => {
  testApp = await startTestApp({
    residentReports: { minFormSeconds: 0, reportsPerHour: REPORTS_PER_HOUR, retentionDays: 30, notify: async (event) => void notifications.push(event) },
  })
  await testApp.importFiles([...boundaryFiles, policeUkFile('2024-03')])
  analyst = await testApp.signInAs('analyst')
  inspector = await testApp.signInAs('inspector')
  councillor = await testApp.signInAs('councillor', { wards: [TOWN_CENTRE] })
  await createTestUser(testApp.pool, { email: 'officer@reports.test', role: 'officer' })
  officer = await signIn(testApp.app, 'officer@reports.test')
  const [point] = await sql('SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM wards WHERE code = $1', [TOWN_CENTRE])
  pin = { lon: Math.round(point.lon * 1e5) / 1e5, lat: Math.round(point.lat * 1e5) / 1e5 }
  token = (await call('GET', '/api/reports/form', null)).json().token
}, 120_000)

afterAll(async () => {
  await testApp?.close()
})

describe('the public form', () => {
  it('gives the map every ward’s name and outline, and nothing counted', async () => {
    const response = await call('GET', '/api/reports/wards', null)
    expect(response.statusCode).toBe(200)
    const wards = response.json()
    const [{ n }] = await sql('SELECT count(*)::int AS n FROM wards')
    expect(wards.features).toHaveLength(n)
    const town = wards.features.find((f: { id: string }) => f.id === TOWN_CENTRE)
    expect(town.properties).toEqual({ code: TOWN_CENTRE, name: 'Stockton Town Centre', lon: expect.any(Number), lat: expect.any(Number) })
    expect(town.geometry.type).toBe('MultiPolygon')
  })

  it('takes a report with a pin and answers a receipt code, auditing it without personal data', async () => {
    const response = await submit(baseFields({ contactName: 'Pat Resident', contactEmail: 'pat@example.org', consent: 'true' }))
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json().receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/)
    const [stored] = await sql('SELECT * FROM resident_reports ORDER BY id DESC LIMIT 1')
    expect(stored).toMatchObject({ status: 'new', reporter_category: 'youth-nuisance', category: 'Anti-social behaviour', ongoing: true, contact_email: 'pat@example.org', lon: pin.lon, lat: pin.lat })
    // The code itself is kept nowhere.
    expect(JSON.stringify(await sql('SELECT * FROM resident_reports'))).not.toContain(response.json().receipt.replace(/-/g, ''))
    const [audit] = await sql(`SELECT * FROM audit_log WHERE action = 'report.submit' ORDER BY id DESC LIMIT 1`)
    expect(audit.target).toBe(`report:${stored.id}`)
    expect(JSON.stringify(audit)).not.toContain('pat@example.org')
    expect(JSON.stringify(audit)).not.toContain('Pat Resident')
  })

  it('refuses what it must with a clear message naming the field', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [baseFields({ website: 'http://spam.example' }), 400, 'website: must be left empty'],
      [baseFields({ formToken: '1700000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }), 400, 'formToken: is not a token this server gave'],
      [baseFields({ category: 'burglary' }), 400, 'category: must be one of'],
      [baseFields({ lon: '', lat: '' }), 400, 'place: say where'],
      [baseFields({ lon: '-1.3', lat: '' }), 400, 'lat: is needed with lon'],
      [baseFields({ lat: '40' }), 400, 'lat: must be a latitude in Great Britain'],
      [baseFields({ ongoing: 'false' }), 400, 'happenedAt: is required'],
      [baseFields({ ongoing: 'false', happenedAt: '2099-01-01T10:00' }), 400, 'happenedAt: is in the future'],
      [baseFields({ ongoing: 'false', happenedAt: '2001-01-01T10:00' }), 400, 'happenedAt: is more than a year ago'],
      [baseFields({ description: '   ' }), 400, 'description: is required'],
      [baseFields({ description: 'x'.repeat(4001) }), 400, 'description: must be at most 4000 characters'],
      [baseFields({ contactEmail: 'pat@example.org' }), 400, 'consent: tick it'],
      [baseFields({ colour: 'red' }), 400, 'body/colour: is not a known parameter'],
      [baseFields({ place: 'High Street\u0000' }), 400, 'place: must not contain control characters'],
    ]
    for (const [fields, status, message] of cases) {
      const response = await submit(fields)
      expect(response.statusCode, JSON.stringify(fields)).toBe(status)
      expect(response.json().message).toContain(message)
    }
    const json = await testApp.app.inject({ method: 'POST', url: '/api/reports', payload: baseFields() })
    expect(json.statusCode).toBe(415)
    expect(json.json().message).toContain('multipart/form-data')
    const broken = multipart(baseFields())
    const cut = await testApp.app.inject({ method: 'POST', url: '/api/reports', remoteAddress: '10.9.0.1', headers: broken.headers, payload: broken.payload.subarray(0, 80) })
    expect(cut.statusCode).toBe(400)
    expect(cut.json().message).toContain('body: the form could not be read')
  })

  it('refuses a file that is no picture, a fourth photo and one over the size limit', async () => {
    const picture = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c00' } }).jpeg().toBuffer()
    const text = await submit(baseFields(), [{ name: 'x.jpg', type: 'image/jpeg', bytes: Buffer.from('<html>not a picture</html>') }])
    expect(text.statusCode).toBe(400)
    expect(text.json().message).toBe('photo: photo 1: is not a JPEG, PNG or WebP picture')
    const pdf = await submit(baseFields(), [{ name: 'x.jpg', type: 'image/jpeg', bytes: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200)]) }])
    expect(pdf.json().message).toContain('(it is application/pdf)')
    const four = await submit(baseFields(), Array.from({ length: 4 }, (_, i) => ({ name: `${i}.jpg`, type: 'image/jpeg', bytes: picture })))
    expect(four.statusCode).toBe(413)
    expect(four.json().message).toBe('photo: at most 3 photos')
    const big = await submit(baseFields(), [{ name: 'big.jpg', type: 'image/jpeg', bytes: Buffer.concat([picture, Buffer.alloc(8 * 1024 * 1024)]) }])
    expect(big.statusCode).toBe(413)
    expect(big.json().message).toBe('photo: each photo may be at most 8 MB')
  })

  it('limits reports per address, with Retry-After', async () => {
    const from = '10.8.0.1'
    for (let i = 0; i < REPORTS_PER_HOUR; i++) expect((await submit(baseFields(), [], from)).statusCode).toBe(201)
    const refused = await submit(baseFields(), [], from)
    expect(refused.statusCode).toBe(429)
    expect(refused.json().message).toMatch(/^Too many requests from your address; try again in \d+ seconds\.$/)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(60)
    expect((await submit(baseFields(), [], '10.8.0.2')).statusCode).toBe(201)
  })

  it('stores photos re-encoded with every piece of metadata gone', async () => {
    const original = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#2a6' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'Phone 9', Copyright: 'Pat Resident' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '54/1 34/1 1234/100', GPSLongitudeRef: 'W', GPSLongitude: '1/1 18/1 5/1' } })
      .toBuffer()
    const before = await sharp(original).metadata()
    expect(before.exif).toBeDefined()
    expect(before.exif!.toString('latin1')).toContain('PhoneMaker')
    expect(before.orientation).toBe(6)
    const png = await sharp({ create: { width: 20, height: 20, channels: 4, background: '#00f8' } }).png().withMetadata().toBuffer()
    const { id } = await newReport({}, [{ name: 'IMG_0001.jpg', type: 'image/jpeg', bytes: original }, { name: 'a.png', type: 'image/png', bytes: png }])
    expect((await detail(id)).photos).toBe(2)
    const response = await call('GET', `/api/reports/${id}/photos/1`, inspector)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('image/jpeg')
    const stored = await sharp(response.rawPayload).metadata()
    expect(stored.format).toBe('jpeg')
    expect([stored.exif, stored.xmp, stored.iptc, stored.icc, stored.orientation]).toEqual([undefined, undefined, undefined, undefined, undefined])
    // Turned upright by its orientation before that was dropped, and no side over 1600 px.
    expect([stored.width, stored.height]).toEqual([1067, 1600])
    expect(response.rawPayload.includes(Buffer.from('PhoneMaker'))).toBe(false)
    expect(response.rawPayload.includes(Buffer.from('Exif'))).toBe(false)
    expect((await sharp((await call('GET', `/api/reports/${id}/photos/2`, analyst)).rawPayload).metadata()).format).toBe('jpeg')
    expect((await call('GET', `/api/reports/${id}/photos/3`, analyst)).statusCode).toBe(404)
    expect((await call('GET', `/api/reports/${id}/photos/1`, councillor)).statusCode).toBe(403)
    expect((await call('GET', `/api/reports/${id}/photos/1`, null)).statusCode).toBe(401)
  })
})

describe('the receipt', () => {
  it('shows its own report\u2019s status and messages and nothing else, and takes the reporter\u2019s messages', async () => {
    const a = await newReport({ description: 'Report A: a secret detail', contactEmail: 'a@example.org', consent: 'true' })
    const b = await newReport({ description: 'Report B' })
    const staff = await call('POST', `/api/reports/${b.id}/messages`, inspector, { body: 'Thanks, we are looking at B.' })
    expect(staff.statusCode, staff.body).toBe(201)

    const receipt = await receiptOf(a.receipt)
    expect(Object.keys(receipt).sort()).toEqual(['decidedAt', 'messages', 'reason', 'status', 'statusWords', 'submittedAt'])
    expect(receipt).toMatchObject({ status: 'new', messages: [], reason: null })
    expect(JSON.stringify(receipt)).not.toMatch(/secret|a@example|Report|lon|lat/)
    expect((await receiptOf(b.receipt)).messages).toEqual([{ from: 'staff', body: 'Thanks, we are looking at B.', sentAt: expect.any(String) }])
    // People type codes in lower case and without dashes.
    expect((await receiptOf(a.receipt.toLowerCase().replace(/-/g, ''))).status).toBe('new')

    const reply = await call('POST', `/api/reports/receipt/${a.receipt}/messages`, null, { body: 'It happened again tonight.' })
    expect(reply.statusCode, reply.body).toBe(201)
    expect(reply.json().messages).toEqual([{ from: 'you', body: 'It happened again tonight.', sentAt: expect.any(String) }])
    expect((await detail(a.id)).messages).toMatchObject([{ fromStaff: false, author: null, body: 'It happened again tonight.' }])
    expect((await receiptOf(b.receipt)).messages).toHaveLength(1)

    for (const code of ['0000-0000-0000-0000-0000-0000', 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZU']) {
      const unknown = await call('GET', `/api/reports/receipt/${code}`, null)
      expect(unknown.statusCode).toBe(404)
      expect(unknown.json().message).toBe('code: no report has this receipt code; check it against your receipt')
    }
    expect((await call('GET', '/api/reports/receipt/short', null)).statusCode).toBe(400)
    expect((await call('POST', `/api/reports/receipt/0000-0000-0000-0000-0000-0000/messages`, null, { body: 'hello' })).statusCode).toBe(404)
  })
})

describe('moderation', () => {
  it('is for analysts and inspectors (and admins): contact details never reach other roles', async () => {
    for (const who of [councillor, officer]) {
      expect((await call('GET', '/api/reports', who)).statusCode).toBe(403)
    }
    expect((await call('GET', '/api/reports', null)).statusCode).toBe(401)
    const list = (await call('GET', '/api/reports?status=new', inspector)).json()
    expect(list.items.length).toBeGreaterThan(0)
    expect(list.items.every((item: { status: string }) => item.status === 'new')).toBe(true)
    expect(list.items.some((item: { contact: { email: string | null } }) => item.contact.email === 'pat@example.org')).toBe(true)
    expect(list.items.find((item: { lon: number | null }) => item.lon !== null).ward).toEqual({ code: TOWN_CENTRE, name: 'Stockton Town Centre' })
  })

  it('accepts, merges, rejects and withdraws, each audited, each leaving every count exact', async () => {
    await expectCountsExact()
    const [{ n: before }] = await sql('SELECT count(*)::int AS n FROM incidents')

    // Accept: one incident, a resident report timed to the minute at the pin's map point and ward.
    const a = await newReport({ ongoing: 'false', happenedAt: await sql(`SELECT to_char(now() AT TIME ZONE 'Europe/London' - interval '2 days', 'YYYY-MM-DD"T"HH24:MI') AS t`).then((r) => r[0].t), contactPhone: '01642 000000', consent: 'true' })
    notifications.length = 0
    const accepted = await call('POST', `/api/reports/${a.id}/accept`, analyst, { version: 1, message: 'Passed to the neighbourhood team.' })
    expect(accepted.statusCode, accepted.body).toBe(200)
    expect(accepted.json()).toMatchObject({ status: 'accepted', version: 2, handledBy: 'analyst' })
    const [incident] = await sql(`SELECT i.*, l.ward_code, l.lon, l.lat FROM incidents i JOIN locations l ON l.id = i.location_id WHERE i.id = $1`, [accepted.json().incidentId])
    expect(incident).toMatchObject({ source: 'resident report', period_precision: 'minute', category: 'Anti-social behaviour', ward_code: TOWN_CENTRE, lon: pin.lon, lat: pin.lat, reference: `R${a.id}` })
    expect(Number(incident.period_start.getSeconds())).toBe(0)
    expect((await sql('SELECT count(*)::int AS n FROM incidents'))[0].n).toBe(before + 1)
    await expectCountsExact()
    expect(await receiptOf(a.receipt)).toMatchObject({ status: 'accepted', statusWords: 'Accepted: recorded as an incident', messages: [{ from: 'staff', body: 'Passed to the neighbourhood team.' }] })
    expect(notifications).toEqual([{ reportId: a.id, kind: 'status', status: 'accepted', contact: { email: null, phone: '01642 000000' } }])
    // Contact details are on no incident route.
    const incidents = await call('GET', `/api/incidents?limit=1000&bbox=${pin.lon - 0.001},${pin.lat - 0.001},${pin.lon + 0.001},${pin.lat + 0.001}`, analyst)
    expect(incidents.statusCode, incidents.body).toBe(200)
    expect(incidents.body).not.toContain('01642 000000')

    // The same decision again, or one made on an old version: 409 naming why; nothing changes.
    const again = await call('POST', `/api/reports/${a.id}/accept`, analyst, { version: 2 })
    expect(again.statusCode).toBe(409)
    expect(again.json().message).toBe('status: a report that is accepted cannot be accepted; only one that is new')
    const b = await newReport()
    const stale = await call('POST', `/api/reports/${b.id}/reject`, inspector, { version: 7, reason: 'Duplicate' })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().message).toContain('version: this report was changed since (now version 1')

    // Merge into the accepted report: no incident added.
    const merged = await call('POST', `/api/reports/${b.id}/merge`, inspector, { version: 1, intoReport: a.id })
    expect(merged.statusCode, merged.body).toBe(200)
    expect(merged.json()).toMatchObject({ status: 'merged', mergedIntoReport: a.id, incidentId: null })
    expect((await sql('SELECT count(*)::int AS n FROM incidents'))[0].n).toBe(before + 1)
    await expectCountsExact()
    // Merge into a police incident, and the refusals.
    const c = await newReport()
    const [police] = await sql(`SELECT id::int FROM incidents WHERE source = 'police.uk' ORDER BY id LIMIT 1`)
    expect((await call('POST', `/api/reports/${c.id}/merge`, inspector, { version: 1 })).json().message).toBe('body: name one of intoReport or intoIncident')
    expect((await call('POST', `/api/reports/${c.id}/merge`, inspector, { version: 1, intoIncident: 999999999 })).statusCode).toBe(404)
    expect((await call('POST', `/api/reports/${c.id}/merge`, inspector, { version: 1, intoReport: b.id })).json().message).toContain('is merged; merge with a new or accepted report')
    expect((await call('POST', `/api/reports/${c.id}/merge`, inspector, { version: 1, intoIncident: police.id })).json()).toMatchObject({ status: 'merged', mergedIntoIncident: police.id })
    await expectCountsExact()

    // Reject with a reason the reporter reads.
    const d = await newReport()
    const rejected = await call('POST', `/api/reports/${d.id}/reject`, inspector, { version: 1, reason: 'This is a matter for the housing association; we have passed it on.' })
    expect(rejected.statusCode, rejected.body).toBe(200)
    expect(await receiptOf(d.receipt)).toMatchObject({ status: 'rejected', reason: 'This is a matter for the housing association; we have passed it on.' })
    expect((await call('POST', `/api/reports/${d.id}/withdraw`, inspector, { version: 2, reason: 'x' })).statusCode).toBe(409)
    await expectCountsExact()

    // Accepted with another category, then withdrawn: the incident and every count it made are gone.
    const e = await newReport({ category: 'drugs', lon: String(pin.lon + 0.01) })
    const eAccepted = (await call('POST', `/api/reports/${e.id}/accept`, inspector, { version: 1, category: 'Public order' })).json()
    expect(eAccepted.category).toBe('Public order')
    expect((await sql('SELECT category FROM incidents WHERE id = $1', [eAccepted.incidentId]))[0].category).toBe('Public order')
    await expectCountsExact()
    // Corrected: another category, the pin moved to another ward, a time instead of ongoing. One UPDATE of the incident.
    const [elsewhere] = await sql(`SELECT code, ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM wards WHERE code <> $1 ORDER BY code LIMIT 1`, [TOWN_CENTRE])
    // A UK wall-clock time 40 days back (across a clock change, when there is one), and the instant it names.
    const [when] = await sql(`SELECT local, local::timestamp AT TIME ZONE 'Europe/London' AS instant
                                FROM (SELECT to_char(now() AT TIME ZONE 'Europe/London' - interval '40 days', 'YYYY-MM-DD"T"HH24:MI') AS local) AS t`)
    expect((await call('POST', `/api/reports/${e.id}/correct`, inspector, { version: 2, reason: 'Nothing to correct' })).json().message).toBe('body: name at least one of category, position or happenedAt to correct')
    const corrected = await call('POST', `/api/reports/${e.id}/correct`, inspector, {
      version: 2, category: 'Drugs', position: { lon: elsewhere.lon, lat: elsewhere.lat }, happenedAt: when.local, reason: 'Reporter rang: it was last month, in the next ward.',
    })
    expect(corrected.statusCode, corrected.body).toBe(200)
    expect(corrected.json()).toMatchObject({ status: 'accepted', version: 3, category: 'Drugs', ongoing: false, ward: { code: elsewhere.code }, incidentId: eAccepted.incidentId })
    const [moved] = await sql(`SELECT i.category, i.period_start, l.ward_code FROM incidents i JOIN locations l ON l.id = i.location_id WHERE i.id = $1`, [eAccepted.incidentId])
    expect(moved).toEqual({ category: 'Drugs', period_start: when.instant, ward_code: elsewhere.code })
    await expectCountsExact()
    expect((await call('POST', `/api/reports/${b.id}/correct`, inspector, { version: 2, category: 'Drugs', reason: 'x' })).json().message).toBe('status: a report that is merged cannot be corrected; only one that is accepted')

    const withdrawn = await call('POST', `/api/reports/${e.id}/withdraw`, analyst, { version: 3, reason: 'Sent in error by the reporter.' })
    expect(withdrawn.statusCode, withdrawn.body).toBe(200)
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', incidentId: null })
    expect((await sql('SELECT count(*)::int AS n FROM incidents WHERE id = $1', [eAccepted.incidentId]))[0].n).toBe(0)
    expect((await sql('SELECT count(*)::int AS n FROM incidents'))[0].n).toBe(before + 1)
    await expectCountsExact()

    const trail = await sql(`SELECT action, target, actor_email, before, after FROM audit_log WHERE action LIKE 'report.%' AND action NOT IN ('report.submit', 'report.message') ORDER BY id`)
    expect(trail.map((entry) => [entry.action, entry.target, entry.actor_email])).toEqual([
      ['report.accept', `report:${a.id}`, 'analyst@test.local'],
      ['report.merge', `report:${b.id}`, 'inspector@test.local'],
      ['report.merge', `report:${c.id}`, 'inspector@test.local'],
      ['report.reject', `report:${d.id}`, 'inspector@test.local'],
      ['report.accept', `report:${e.id}`, 'inspector@test.local'],
      ['report.correct', `report:${e.id}`, 'inspector@test.local'],
      ['report.withdraw', `report:${e.id}`, 'analyst@test.local'],
    ])
    expect(trail[4]).toMatchObject({ before: { status: 'new', category: 'Drugs' }, after: { status: 'accepted', category: 'Public order' } })
  })

  it('accepts a report without a pin as an incident without a location', async () => {
    const r = await newReport({ lon: '', lat: '', place: 'Behind the shops on Dovecot Street' })
    const accepted = (await call('POST', `/api/reports/${r.id}/accept`, inspector, { version: 1 })).json()
    expect((await sql('SELECT location_id, location_text FROM incidents WHERE id = $1', [accepted.incidentId]))[0]).toEqual({ location_id: null, location_text: 'Behind the shops on Dovecot Street' })
    await expectCountsExact()
  })
})

describe('erasure after the retention period', () => {
  it('erases contact details, photos and the reporter\u2019s messages of reports past it, audited, and leaves the rest', async () => {
    const picture = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c00' } }).jpeg().toBuffer()
    const old = await newReport({ contactName: 'Old Reporter', contactEmail: 'old@example.org', consent: 'true' }, [{ name: 'p.jpg', type: 'image/jpeg', bytes: picture }])
    await call('POST', `/api/reports/receipt/${old.receipt}/messages`, null, { body: 'My number is 07700 900000' })
    await call('POST', `/api/reports/${old.id}/messages`, analyst, { body: 'Thank you.' })
    const recent = await newReport({ contactName: 'New Reporter', consent: 'true' })
    await sql(`UPDATE resident_reports SET submitted_at = now() - interval '31 days' WHERE id = $1`, [old.id])

    const erased = await eraseExpiredReports(testApp.pool, 30)
    expect(erased).toEqual([old.id])
    const gone = await detail(old.id)
    expect(gone.contact).toMatchObject({ name: null, email: null, phone: null, consent: false, erasedAt: expect.any(String) })
    expect(gone.photos).toBe(0)
    expect(gone.messages.map((m) => m.body)).toEqual(['(erased after the retention period)', 'Thank you.'])
    expect((await detail(recent.id)).contact.name).toBe('New Reporter')
    const [audit] = await sql(`SELECT actor_id, details FROM audit_log WHERE action = 'report.erase' ORDER BY id DESC LIMIT 1`)
    expect(audit).toMatchObject({ actor_id: null, details: { reports: [old.id], retentionDays: 30 } })
    // Run again: nothing more to erase, nothing more audited.
    expect(await eraseExpiredReports(testApp.pool, 30)).toEqual([])
    // The report itself and its receipt stay.
    expect((await receiptOf(old.receipt)).status).toBe('new')
  })
})

describe('posters', () => {
  it('is an A4 or A5 SVG whose QR code holds the form\u2019s address at the point or ward', async () => {
    const a5 = await call('GET', `/api/reports/poster?size=A5&lon=${pin.lon}&lat=${pin.lat}&place=${encodeURIComponent('Dovecot Street')}`, inspector)
    expect(a5.statusCode, a5.body).toBe(200)
    expect(a5.headers['content-type']).toContain('image/svg+xml')
    expect(a5.body).toContain('width="148mm" height="210mm"')
    expect(a5.body).toContain('Near Dovecot Street')
    const url = `http://localhost/report?lon=${pin.lon.toFixed(5)}&lat=${pin.lat.toFixed(5)}&z=17`
    expect(a5.body).toContain(url.replace(/&/g, '&#38;'))
    // The poster drawn to pixels (sharp's SVG renderer), its QR code decoded back (jsQR): the form's address.
    expect(await decodedQr(a5.body)).toBe(url)
    const a4 = await call('GET', `/api/reports/poster?ward=${TOWN_CENTRE}`, analyst)
    expect(a4.body).toContain('width="210mm" height="297mm"')
    expect(a4.body).toContain('Near Stockton Town Centre')
    expect(await decodedQr(a4.body)).toBe(`http://localhost/report?ward=${TOWN_CENTRE}`)
    expect((await call('GET', '/api/reports/poster?lon=-1.3', analyst)).json().message).toBe('lat: is needed with lon')
    expect((await call('GET', '/api/reports/poster', councillor)).statusCode).toBe(403)
  })
})

/** The poster rendered at 150 dpi and its QR code decoded, as a phone's camera would read it; null when none is found. */
async function decodedQr(svg: string): Promise<string | null> {
  const { data, info } = await sharp(Buffer.from(svg), { density: 150 }).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null
}
