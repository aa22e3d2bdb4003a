import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, apiRequest, errorMessage } from '../../shared/api'
import { isTaskQueryKey, taskVisitsUrl, type Visit } from './tasks-api'
import { addToOutbox, flushOutbox, readOutbox, removeFromOutbox, type OutboxEntry, type SendResult } from './visit-outbox'

/** No answer at all (offline, a dropped connection) is worth trying again; an answer refusing the visit is not. */
export function isNetworkFailure(error: unknown): boolean {
  return error instanceof ApiError && error.status === null
}

async function sendQueued(entry: OutboxEntry): Promise<SendResult> {
  try {
    await apiRequest<Visit>(taskVisitsUrl(entry.taskId), { method: 'POST', body: entry.visit })
    return { kind: 'sent' }
  } catch (error) {
    // A 401 is the session ending (the sign-in page says so): keep the visit for after signing in again.
    if (isNetworkFailure(error) || (error instanceof ApiError && error.status !== null && (error.status === 401 || error.status >= 500))) return { kind: 'offline' }
    return { kind: 'refused', message: errorMessage(error) }
  }
}

export interface VisitOutbox {
  entries: OutboxEntry[]
  sending: boolean
  queue(entry: OutboxEntry): void
  discard(idempotencyKey: string): void
  flush(): void
}

/**
 * The device's outbox of visits: sent on load, whenever the browser says it is back online, and on demand. One round
 * at a time; each sent visit refreshes the task answers on screen (dosage delivered).
 */
export function useVisitOutbox(): VisitOutbox {
  const queryClient = useQueryClient()
  const [entries, setEntries] = useState<OutboxEntry[]>(() => readOutbox(window.localStorage))
  const [sending, setSending] = useState(false)
  const round = useRef<Promise<void> | null>(null)

  const flush = useCallback(() => {
    if (round.current) return
    setSending(true)
    round.current = flushOutbox(window.localStorage, sendQueued)
      .then((result) => {
        if (result.sent > 0) void queryClient.invalidateQueries({ predicate: (query) => isTaskQueryKey(query.queryKey) })
      })
      .finally(() => {
        round.current = null
        setSending(false)
        setEntries(readOutbox(window.localStorage))
      })
  }, [queryClient])

  useEffect(() => {
    if (readOutbox(window.localStorage).length > 0) flush()
    window.addEventListener('online', flush)
    return () => window.removeEventListener('online', flush)
  }, [flush])

  const queue = useCallback((entry: OutboxEntry) => {
    addToOutbox(window.localStorage, entry)
    setEntries(readOutbox(window.localStorage))
  }, [])

  const discard = useCallback((idempotencyKey: string) => {
    removeFromOutbox(window.localStorage, idempotencyKey)
    setEntries(readOutbox(window.localStorage))
  }, [])

  return { entries, sending, queue, discard, flush }
}
