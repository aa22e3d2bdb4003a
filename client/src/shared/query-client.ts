import { QueryClient, type Query } from '@tanstack/react-query'
import { ApiError } from './api'

/** How long an answer is reused without asking again, for data that changes only when new data is imported. */
export const IMPORTED_DATA_STALE_MS = 10 * 60_000
/** Transient failures (the server could not be reached) are retried this often before the page shows the error. */
const NETWORK_RETRIES = 2

/**
 * An error the server answered is shown at once (with its "Try again"): asking again would give the same answer.
 * Only a request that never reached the server is worth retrying by itself.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return error instanceof ApiError && error.status === null && failureCount < NETWORK_RETRIES
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Pages whose data others change (users, the audit log, harm weights) ask again whenever they open; the map's
        // and reports' queries say how long theirs last (IMPORTED_DATA_STALE_MS).
        staleTime: 0,
        retry: shouldRetry,
        // Coming back to the tab is not a reason to redraw the map.
        refetchOnWindowFocus: false,
      },
    },
  })
}

function urlOf(query: Query): string | null {
  const [url] = query.queryKey
  return typeof url === 'string' ? url : null
}

/** After a write: every cached answer from a URL starting with `prefix` is out of date (refetched if on screen). */
export function invalidateApi(client: QueryClient, prefix: string): Promise<void> {
  return client.invalidateQueries({ predicate: (query) => urlOf(query)?.startsWith(prefix) ?? false })
}

/** "Try again" on a page made of several requests: asks again for every one on screen that failed. */
export function refetchFailed(client: QueryClient): Promise<void> {
  return client.refetchQueries({ type: 'active', predicate: (query) => query.state.status === 'error' })
}
