import { useEffect, useState } from 'react'
import { fetchJson, isAbortError } from './api'

export interface ApiResource<T> {
  data: T | undefined
  /** The URL `data` came from; differs from the requested URL while a newer request is in flight. */
  dataUrl: string | null
  error: Error | null
  loading: boolean
}

/**
 * Fetches `url` whenever it (or the retry token) changes, aborting the previous request so a slow, stale response
 * can never overwrite a newer one. The last good data is kept while the next request runs to avoid flicker.
 */
export function useApiResource<T>(url: string | null, retryToken: number): ApiResource<T> {
  const [resource, setResource] = useState<ApiResource<T>>({
    data: undefined,
    dataUrl: null,
    error: null,
    loading: url !== null,
  })

  useEffect(() => {
    if (url === null) {
      setResource((previous) => ({ ...previous, error: null, loading: false }))
      return
    }
    const controller = new AbortController()
    setResource((previous) => ({ ...previous, error: null, loading: true }))
    fetchJson<T>(url, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResource({ data, dataUrl: url, error: null, loading: false })
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return
        setResource((previous) => ({
          ...previous,
          error: error instanceof Error ? error : new Error(String(error)),
          loading: false,
        }))
      },
    )
    return () => controller.abort()
  }, [url, retryToken])

  return resource
}
