import { QueryObserver, type QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import { ApiError } from './api'
import { createQueryClient, invalidateApi, refetchFailed, shouldRetry } from './query-client'

describe('shouldRetry', () => {
  it('retries a request that never reached the server, twice at most', () => {
    const unreachable = new ApiError('Could not reach the Patrolmap server.', null)
    expect(shouldRetry(0, unreachable)).toBe(true)
    expect(shouldRetry(1, unreachable)).toBe(true)
    expect(shouldRetry(2, unreachable)).toBe(false)
  })

  it('shows an answer from the server at once, an error status included', () => {
    expect(shouldRetry(0, new ApiError('The database took too long to answer; try again.', 503))).toBe(false)
    expect(shouldRetry(0, new ApiError('Not signed in', 401))).toBe(false)
    expect(shouldRetry(0, new Error('anything else'))).toBe(false)
  })
})

function cachedClient(urls: string[]): QueryClient {
  const client = createQueryClient()
  for (const url of urls) client.setQueryData([url], { url, data: url })
  return client
}

describe('invalidateApi', () => {
  it('marks stale exactly the answers of URLs under the prefix', async () => {
    const client = cachedClient(['/api/hotspots/gistar?res=9', '/api/hotspots/emerging?res=9', '/api/hexes?res=8', '/api/harm-weights'])
    await invalidateApi(client, '/api/hotspots/')
    const stale = client
      .getQueryCache()
      .getAll()
      .filter((query) => query.state.isInvalidated)
      .map((query) => query.queryKey[0])
    expect(stale.sort()).toEqual(['/api/hotspots/emerging?res=9', '/api/hotspots/gistar?res=9'])
  })
})

describe('refetchFailed', () => {
  it('asks again only for the queries on screen that failed', async () => {
    const client = createQueryClient()
    const asked: string[] = []
    let summaryFails = true
    const queryFn = async ({ queryKey: [url] }: { queryKey: readonly unknown[] }) => {
      asked.push(String(url))
      if (url === '/api/summary' && summaryFails) throw new ApiError('failed', 500)
      return { url, data: url }
    }
    // Mounted components' queries: observed, enabled, and fresh for long enough not to be asked again by themselves.
    const observers = ['/api/summary', '/api/hexes'].map(
      (url) => new QueryObserver(client, { queryKey: [url], queryFn, staleTime: Infinity, retry: false }),
    )
    const unsubscribe = observers.map((observer) => observer.subscribe(() => {}))
    await expect.poll(() => client.getQueryState(['/api/summary'])?.status).toBe('error')
    await expect.poll(() => client.getQueryState(['/api/hexes'])?.status).toBe('success')
    asked.length = 0
    summaryFails = false
    await refetchFailed(client)
    expect(asked).toEqual(['/api/summary'])
    expect(client.getQueryData(['/api/summary'])).toEqual({ url: '/api/summary', data: '/api/summary' })
    unsubscribe.forEach((stop) => stop())
  })
})
