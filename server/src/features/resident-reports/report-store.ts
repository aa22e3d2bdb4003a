import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'
import { containingCells } from '../import/storing/location-cells.js'
import type { ReportStatus, ReporterCategory } from './report-rules.js'
import type { ReportDetail, ReportSummary } from './schemas.js'
import type { StoredPhoto } from './photos.js'

const q = (name: string) => loadQuery(import.meta.url, name)
const insertReport = q('insert-report.sql')
const insertPhoto = q('insert-photo.sql')
const insertMessage = q('insert-message.sql')
const receiptQuery = q('receipt.sql')
const listReportsQuery = q('list-reports.sql')
const reportMessages = q('report-messages.sql')
const lockReportQuery = q('lock-report.sql')
const reportBatch = q('report-batch.sql')
const placePoint = q('place-point.sql')
const insertIncident = q('insert-incident.sql')
const deleteIncident = q('delete-incident.sql')
const decideReport = q('decide-report.sql')
const incidentExists = q('incident-exists.sql')
const photoQuery = q('photo.sql')
const checkWhen = q('check-when.sql')
const correctReportQuery = q('correct-report.sql')
const correctIncidentQuery = q('correct-incident.sql')

type Db = Pick<pg.Pool | pg.PoolClient, 'query'>

export interface NewReport {
  receiptHash: Buffer
  reporterCategory: ReporterCategory
  category: string
  position: { lon: number; lat: number } | null
  placeText: string | null
  /** UK local wall-clock time, `YYYY-MM-DDTHH:MM`; null: ongoing. */
  happenedAt: string | null
  description: string
  contact: { name: string | null; email: string | null; phone: string | null; consent: boolean }
}

export async function whenProblem(db: Db, local: string): Promise<'future' | 'too-old' | null> {
  const { rows } = await db.query<{ future: boolean; too_old: boolean }>({ ...checkWhen, values: [local] })
  return rows[0].future ? 'future' : rows[0].too_old ? 'too-old' : null
}

export async function insertReportWithPhotos(client: pg.PoolClient, report: NewReport, photos: StoredPhoto[]): Promise<number> {
  const { rows } = await client.query<{ id: string }>({
    ...insertReport,
    values: [
      report.receiptHash, report.reporterCategory, report.category, report.position?.lon ?? null, report.position?.lat ?? null,
      report.placeText, report.happenedAt, report.happenedAt === null, report.description,
      report.contact.name, report.contact.email, report.contact.phone, report.contact.consent,
    ],
  })
  const id = Number(rows[0].id)
  for (const [index, photo] of photos.entries()) {
    await client.query({ ...insertPhoto, values: [id, index + 1, photo.image, photo.width, photo.height] })
  }
  return id
}

export interface Receipt {
  id: number
  status: ReportStatus
  reason: string | null
  submittedAt: string
  decidedAt: string | null
  messages: { from: 'you' | 'staff'; body: string; sentAt: string }[]
}

export async function findReceipt(db: Db, hash: Buffer): Promise<Receipt | null> {
  const { rows } = await db.query({ ...receiptQuery, values: [hash] })
  const row = rows[0]
  if (!row) return null
  return {
    id: Number(row.id),
    status: row.status,
    reason: row.reason,
    submittedAt: row.submitted_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    messages: row.messages.map((m: { from: 'you' | 'staff'; body: string; sentAt: string }) => ({ ...m, sentAt: new Date(m.sentAt).toISOString() })),
  }
}

export async function addMessage(db: Db, reportId: number, author: number | null, body: string): Promise<number> {
  const { rows } = await db.query<{ id: string }>({ ...insertMessage, values: [reportId, author !== null, author, body] })
  return Number(rows[0].id)
}

const iso = (value: Date | null) => value?.toISOString() ?? null
const num = (value: string | number | null) => (value === null ? null : Number(value))

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function summaryOf(row: any): ReportSummary {
  return {
    id: Number(row.id),
    status: row.status,
    reporterCategory: row.reporter_category,
    category: row.category,
    lon: row.lon,
    lat: row.lat,
    ward: row.ward_code ? { code: row.ward_code, name: row.ward_name } : null,
    placeText: row.place_text,
    happenedAt: iso(row.happened_at),
    ongoing: row.ongoing,
    description: row.description,
    photos: row.photos,
    submittedAt: row.submitted_at.toISOString(),
    decidedAt: iso(row.decided_at),
    reason: row.reason,
    incidentId: num(row.incident_id),
    mergedIntoReport: num(row.merged_into_report),
    mergedIntoIncident: num(row.merged_into_incident),
    handledBy: row.handled_by_name,
    version: row.version,
    contact: { name: row.contact_name, email: row.contact_email, phone: row.contact_phone, consent: row.contact_consent, erasedAt: iso(row.contact_erased_at) },
  }
}

export async function listReports(db: Db, status: ReportStatus | null, limit: number): Promise<ReportSummary[]> {
  const { rows } = await db.query({ ...listReportsQuery, values: [status, limit, null] })
  return rows.map(summaryOf)
}

export async function getReport(db: Db, id: number): Promise<ReportDetail | null> {
  const { rows } = await db.query({ ...listReportsQuery, values: [null, 1, id] })
  if (!rows[0]) return null
  const messages = await db.query({ ...reportMessages, values: [id] })
  return {
    ...summaryOf(rows[0]),
    messages: messages.rows.map((m) => ({ id: Number(m.id), fromStaff: m.from_staff, author: m.author, body: m.body, sentAt: m.sent_at.toISOString() })),
  }
}

export interface LockedReport {
  id: number
  status: ReportStatus
  version: number
  category: string
  lon: number | null
  lat: number | null
  incidentId: number | null
  contact: { email: string | null; phone: string | null; consent: boolean }
}

export async function lockReport(client: pg.PoolClient, id: number): Promise<LockedReport | null> {
  const { rows } = await client.query({ ...lockReportQuery, values: [id] })
  const row = rows[0]
  if (!row) return null
  return {
    id,
    status: row.status,
    version: row.version,
    category: row.category,
    lon: row.lon,
    lat: row.lat,
    incidentId: num(row.incident_id),
    contact: { email: row.contact_email, phone: row.contact_phone, consent: row.contact_consent },
  }
}

/** The map point at a pin: the stored one, or a new one placed in its ward with its H3 cells. */
async function pointAt(client: pg.PoolClient, lon: number | null, lat: number | null): Promise<number | null> {
  if (lon === null || lat === null) return null
  return (await client.query<{ id: number }>({ ...placePoint, values: [lon, lat, ...containingCells(lat, lon)] })).rows[0].id
}

/** Makes the report an incident (the count triggers count it); returns the incident's id. */
export async function reportToIncident(client: pg.PoolClient, report: LockedReport, category: string): Promise<number> {
  const batch = Number((await client.query<{ id: string }>(reportBatch)).rows[0].id)
  const locationId = await pointAt(client, report.lon, report.lat)
  const { rows } = await client.query<{ id: string }>({ ...insertIncident, values: [report.id, batch, category, locationId] })
  return Number(rows[0].id)
}

export async function removeIncidentOf(client: pg.PoolClient, reportId: number): Promise<void> {
  await client.query({ ...deleteIncident, values: [reportId] })
}

export async function incidentFound(db: Db, id: number): Promise<boolean> {
  return (await db.query<{ found: boolean }>({ ...incidentExists, values: [id] })).rows[0].found
}

export interface Decision {
  status: ReportStatus
  reason: string | null
  incidentId: number | null
  mergedIntoReport: number | null
  mergedIntoIncident: number | null
  category: string
  handledBy: number
}

export async function recordDecision(client: pg.PoolClient, id: number, decision: Decision): Promise<void> {
  await client.query({
    ...decideReport,
    values: [id, decision.status, decision.reason, decision.incidentId, decision.mergedIntoReport, decision.mergedIntoIncident, decision.category, decision.handledBy],
  })
}

export async function readPhoto(db: Db, id: number, ordinal: number): Promise<Buffer | null> {
  const { rows } = await db.query<{ image: Buffer }>({ ...photoQuery, values: [id, ordinal] })
  return rows[0]?.image ?? null
}

export interface Correction {
  category: string
  position: { lon: number; lat: number } | null
  /** UK local wall-clock time to the minute; null: ongoing; undefined: unchanged. */
  happenedAt: string | null | undefined
}

/** Corrects an accepted report and its incident in the caller's transaction (the triggers keep every count exact). */
export async function correctAccepted(client: pg.PoolClient, id: number, correction: Correction): Promise<void> {
  const { category, position, happenedAt } = correction
  await client.query({ ...correctReportQuery, values: [id, category, position?.lon ?? null, position?.lat ?? null, happenedAt ?? null, happenedAt !== undefined] })
  const locationId = await pointAt(client, position?.lon ?? null, position?.lat ?? null)
  await client.query({ ...correctIncidentQuery, values: [id, locationId] })
}
