/**
 * Visits recorded in the street must survive a flaky connection. Two things live on the device (localStorage):
 * the draft of the visit being typed, per task, and the outbox of visits submitted while the server could not be
 * reached. Every visit carries the idempotency key made when it was first submitted, so sending it again (a retry
 * after a reply was lost) is recorded once by the server. Pure: the storage and the sender are passed in.
 */
import type { NewVisit, VisitAction } from './tasks-api'

export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export const OUTBOX_KEY = 'patrolmap:visit-outbox'
const DRAFT_PREFIX = 'patrolmap:visit-draft:'

/** The visit form as typed: strings where the inputs hold strings, so a half-typed number survives a reload. */
export interface VisitDraft {
  date: string
  startTime: string
  minutes: string
  officerIds: number[]
  actions: Partial<Record<VisitAction, number>>
  notes: string
  location: { lon: number; lat: number } | null
  /** Made on the first submit and kept with the draft, so a second submit of the same visit is the same visit. */
  idempotencyKey: string | null
}

export interface OutboxEntry {
  taskId: number
  taskTitle: string
  visit: NewVisit
  queuedAt: string
  /** The server refused it (not a network failure): kept for the officer to read and discard, not sent again. */
  refused: string | null
}

function readJson<T>(store: KeyValueStore, key: string): T | null {
  const raw = store.getItem(key)
  if (raw === null) return null
  try {
    return JSON.parse(raw) as T
  } catch {
    return null
  }
}

export function loadDraft(store: KeyValueStore, taskId: number): VisitDraft | null {
  return readJson<VisitDraft>(store, `${DRAFT_PREFIX}${taskId}`)
}

export function saveDraft(store: KeyValueStore, taskId: number, draft: VisitDraft): void {
  store.setItem(`${DRAFT_PREFIX}${taskId}`, JSON.stringify(draft))
}

export function clearDraft(store: KeyValueStore, taskId: number): void {
  store.removeItem(`${DRAFT_PREFIX}${taskId}`)
}

export function readOutbox(store: KeyValueStore): OutboxEntry[] {
  const entries = readJson<unknown>(store, OUTBOX_KEY)
  return Array.isArray(entries) ? (entries as OutboxEntry[]) : []
}

function writeOutbox(store: KeyValueStore, entries: readonly OutboxEntry[]): void {
  if (entries.length === 0) store.removeItem(OUTBOX_KEY)
  else store.setItem(OUTBOX_KEY, JSON.stringify(entries))
}

/** Queues a visit; the same visit (its key) queued twice is one entry, the later copy replacing the earlier. */
export function addToOutbox(store: KeyValueStore, entry: OutboxEntry): void {
  const others = readOutbox(store).filter((queued) => queued.visit.idempotencyKey !== entry.visit.idempotencyKey)
  writeOutbox(store, [...others, entry])
}

export function removeFromOutbox(store: KeyValueStore, idempotencyKey: string): void {
  writeOutbox(store, readOutbox(store).filter((queued) => queued.visit.idempotencyKey !== idempotencyKey))
}

/** Visits still to send (refused ones are not: sending them again would be refused again). */
export function waitingCount(entries: readonly OutboxEntry[]): number {
  return entries.filter((entry) => entry.refused === null).length
}

export type SendResult = { kind: 'sent' } | { kind: 'offline' } | { kind: 'refused'; message: string }

export interface FlushResult {
  sent: number
  waiting: number
  refused: number
}

/**
 * Sends every waiting visit, oldest first. A sent visit leaves the outbox; a refused one stays, marked, for the
 * officer to see; the first network failure stops the round (the rest would fail too) and keeps what is left. The
 * outbox is read again before each write, so a visit queued meanwhile is not lost.
 */
export async function flushOutbox(store: KeyValueStore, send: (entry: OutboxEntry) => Promise<SendResult>): Promise<FlushResult> {
  let sent = 0
  for (const entry of readOutbox(store)) {
    if (entry.refused !== null) continue
    const result = await send(entry)
    if (result.kind === 'offline') break
    if (result.kind === 'sent') {
      removeFromOutbox(store, entry.visit.idempotencyKey)
      sent += 1
    } else {
      writeOutbox(
        store,
        readOutbox(store).map((queued) => (queued.visit.idempotencyKey === entry.visit.idempotencyKey ? { ...queued, refused: result.message } : queued)),
      )
    }
  }
  const left = readOutbox(store)
  return { sent, waiting: waitingCount(left), refused: left.length - waitingCount(left) }
}

/** The request body from a draft, or the first thing wrong with it in words. */
export function visitFromDraft(draft: VisitDraft, idempotencyKey: string): { visit: NewVisit } | { problem: string } {
  const minutes = Number(draft.minutes)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date)) return { problem: 'Enter the date of the visit.' }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(draft.startTime)) return { problem: 'Enter the time the visit started (HH:MM).' }
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 720) return { problem: 'Minutes must be a whole number from 1 to 720.' }
  const actions = Object.fromEntries(Object.entries(draft.actions).filter(([, count]) => (count ?? 0) > 0))
  const visit: NewVisit = { idempotencyKey, date: draft.date, startTime: draft.startTime, minutes, actions }
  if (draft.officerIds.length > 0) visit.officerIds = draft.officerIds
  if (draft.notes.trim() !== '') visit.notes = draft.notes
  if (draft.location) visit.location = draft.location
  return { visit }
}
