import { describe, expect, it } from 'vitest'
import { addToOutbox, clearDraft, flushOutbox, loadDraft, OUTBOX_KEY, readOutbox, saveDraft, visitFromDraft, waitingCount, type KeyValueStore, type OutboxEntry, type VisitDraft } from './visit-outbox'

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  }
}

function entry(key: string, taskId = 1): OutboxEntry {
  return { taskId, taskTitle: `Task ${taskId}`, visit: { idempotencyKey: key, date: '2026-12-01', startTime: '19:30', minutes: 15 }, queuedAt: '2026-12-01T19:45:00Z', refused: null }
}

const draft: VisitDraft = {
  date: '2026-12-01',
  startTime: '19:30',
  minutes: '15',
  officerIds: [],
  actions: { engagements: 3, warnings: 0 },
  notes: '  ',
  location: null,
  idempotencyKey: null,
}

describe('drafts', () => {
  it('keeps one draft per task until cleared', () => {
    const store = memoryStore()
    saveDraft(store, 7, draft)
    expect(loadDraft(store, 7)).toEqual(draft)
    expect(loadDraft(store, 8)).toBeNull()
    clearDraft(store, 7)
    expect(loadDraft(store, 7)).toBeNull()
  })

  it('treats unreadable storage as no draft', () => {
    const store = memoryStore()
    store.setItem('patrolmap:visit-draft:7', '{not json')
    expect(loadDraft(store, 7)).toBeNull()
  })
})

describe('the outbox', () => {
  it('holds a visit once however often it is queued', () => {
    const store = memoryStore()
    addToOutbox(store, entry('key-aaaa'))
    addToOutbox(store, entry('key-aaaa'))
    addToOutbox(store, entry('key-bbbb'))
    expect(readOutbox(store).map((queued) => queued.visit.idempotencyKey)).toEqual(['key-aaaa', 'key-bbbb'])
  })

  it('sends every waiting visit and empties itself', async () => {
    const store = memoryStore()
    addToOutbox(store, entry('key-aaaa'))
    addToOutbox(store, entry('key-bbbb', 2))
    const sentKeys: string[] = []
    const result = await flushOutbox(store, async (queued) => {
      sentKeys.push(queued.visit.idempotencyKey)
      return { kind: 'sent' }
    })
    expect(sentKeys).toEqual(['key-aaaa', 'key-bbbb'])
    expect(result).toEqual({ sent: 2, waiting: 0, refused: 0 })
    expect(store.data.has(OUTBOX_KEY)).toBe(false)
  })

  it('stops at the first network failure and keeps the rest, with their keys, for the next try', async () => {
    const store = memoryStore()
    addToOutbox(store, entry('key-aaaa'))
    addToOutbox(store, entry('key-bbbb'))
    let calls = 0
    const result = await flushOutbox(store, async () => {
      calls += 1
      return { kind: 'offline' }
    })
    expect(calls).toBe(1)
    expect(result).toEqual({ sent: 0, waiting: 2, refused: 0 })
    expect(readOutbox(store).map((queued) => queued.visit.idempotencyKey)).toEqual(['key-aaaa', 'key-bbbb'])
  })

  it('resends with the same key, so a visit whose reply was lost is recorded once by the server', async () => {
    const store = memoryStore()
    addToOutbox(store, entry('key-aaaa'))
    const recorded = new Set<string>()
    // The first attempt reaches the server but the reply is lost: the device sees a network failure.
    await flushOutbox(store, async (queued) => {
      recorded.add(queued.visit.idempotencyKey)
      return { kind: 'offline' }
    })
    await flushOutbox(store, async (queued) => {
      recorded.add(queued.visit.idempotencyKey)
      return { kind: 'sent' }
    })
    expect([...recorded]).toEqual(['key-aaaa'])
    expect(readOutbox(store)).toEqual([])
  })

  it('marks a refused visit and does not send it again', async () => {
    const store = memoryStore()
    addToOutbox(store, entry('key-aaaa'))
    addToOutbox(store, entry('key-bbbb'))
    const first = await flushOutbox(store, async (queued) => (queued.visit.idempotencyKey === 'key-aaaa' ? { kind: 'refused', message: 'task closed' } : { kind: 'sent' }))
    expect(first).toEqual({ sent: 1, waiting: 0, refused: 1 })
    expect(readOutbox(store)).toMatchObject([{ visit: { idempotencyKey: 'key-aaaa' }, refused: 'task closed' }])
    expect(waitingCount(readOutbox(store))).toBe(0)
    let calls = 0
    await flushOutbox(store, async () => {
      calls += 1
      return { kind: 'sent' }
    })
    expect(calls).toBe(0)
  })

  it('keeps a visit queued while a round is sending', async () => {
    const store = memoryStore()
    addToOutbox(store, entry('key-aaaa'))
    await flushOutbox(store, async () => {
      addToOutbox(store, entry('key-cccc'))
      return { kind: 'sent' }
    })
    expect(readOutbox(store).map((queued) => queued.visit.idempotencyKey)).toContain('key-cccc')
  })
})

describe('visitFromDraft', () => {
  it('builds the request, leaving out empty notes and zero actions', () => {
    expect(visitFromDraft(draft, 'key-aaaa')).toEqual({
      visit: { idempotencyKey: 'key-aaaa', date: '2026-12-01', startTime: '19:30', minutes: 15, actions: { engagements: 3 } },
    })
  })

  it('names what is wrong', () => {
    expect(visitFromDraft({ ...draft, minutes: '0' }, 'key-aaaa')).toEqual({ problem: 'Minutes must be a whole number from 1 to 720.' })
    expect(visitFromDraft({ ...draft, startTime: '7pm' }, 'key-aaaa')).toEqual({ problem: 'Enter the time the visit started (HH:MM).' })
  })
})
