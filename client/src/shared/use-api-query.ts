import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { fetchJson } from './api'

export interface ApiResource<T> {
  data: T | undefined
  /** The URL `data` came from; differs from the requested URL while a newer request is in flight. */
  dataUrl: string | null
  error: Error | null
  loading: boolean
  /** "Try again": asks the server once more for this URL. */
  refetch(): void
}

interface Answer<T> {
  url: string
  data: T
}

export interface ApiQueryOptions {
  /** How long an answer is reused without asking again (default: asked again each time a page shows it). */
  staleTime?: number
}

/**
 * GETs `url` (nothing when null) through the query cache, keyed by the URL: the same URL asked for twice is one
 * request, an answer on hand is not asked for again while fresh, and a request whose answer is no longer wanted is
 * cancelled. The last good data is kept while the next URL's request runs, to avoid flicker; `dataUrl` says which
 * URL it answers.
 */
export function useApiQuery<T>(url: string | null, options: ApiQueryOptions = {}): ApiResource<T> {
  const query = useQuery<Answer<T>, Error>({
    queryKey: [url],
    queryFn: async ({ signal }) => ({ url: url as string, data: await fetchJson<T>(url as string, signal) }),
    enabled: url !== null,
    placeholderData: keepPreviousData,
    staleTime: options.staleTime,
  })
  const { refetch: refetchQuery } = query
  const refetch = useCallback(() => {
    void refetchQuery()
  }, [refetchQuery])
  return {
    data: query.data?.data,
    dataUrl: query.data?.url ?? null,
    error: url === null ? null : query.error,
    loading: url !== null && query.fetchStatus === 'fetching',
    refetch,
  }
}

/** The answer for `url` from the cache when fresh, else from the server: for code outside React (the map's basemap). */
export async function fetchApiData<T>(client: QueryClient, url: string, options: ApiQueryOptions = {}): Promise<T> {
  const answer = await client.fetchQuery<Answer<T>>({
    queryKey: [url],
    queryFn: async ({ signal }) => ({ url, data: await fetchJson<T>(url, signal) }),
    staleTime: options.staleTime,
  })
  return answer.data
}

/** Puts a write's answer in the cache as the GET of `url` would give it now, so no second request is needed. */
export function setApiData<T>(client: QueryClient, url: string, data: T): void {
  client.setQueryData<Answer<T>>([url], { url, data })
}
