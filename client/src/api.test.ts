import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, fetchJson, hexesUrl, summaryUrl, wardsUrl } from './api'

const filters = {
  categories: ['Anti-social behaviour', 'Criminal damage and arson'],
  from: '2024-01',
  to: '2024-06',
  ward: 'E05009857',
}

describe('URL builders', () => {
  it('encodes categories as one comma-separated parameter', () => {
    expect(hexesUrl(8, filters)).toBe(
      '/api/hexes?res=8&from=2024-01&to=2024-06&categories=Anti-social%20behaviour%2CCriminal%20damage%20and%20arson&ward=E05009857',
    )
  })

  it('leaves out unset filters', () => {
    expect(summaryUrl({ categories: [], from: null, to: null, ward: null })).toBe('/api/summary')
    expect(hexesUrl(6, { categories: ['Drugs'], from: null, to: null, ward: null })).toBe(
      '/api/hexes?res=6&categories=Drugs',
    )
  })

  it('does not send the ward filter to the ward endpoint', () => {
    expect(wardsUrl(filters)).toBe(
      '/api/wards?from=2024-01&to=2024-06&categories=Anti-social%20behaviour%2CCriminal%20damage%20and%20arson',
    )
  })
})

describe('fetchJson', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('surfaces the server message from a 4xx body', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json({ statusCode: 400, error: 'Bad Request', message: 'from must be YYYY-MM' }, { status: 400 }),
      ),
    )
    await expect(fetchJson('/api/summary')).rejects.toEqual(new ApiError('from must be YYYY-MM', 400))
  })

  it('falls back to the status line when the body is not JSON', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>', { status: 502, statusText: 'Bad Gateway' })))
    await expect(fetchJson('/api/summary')).rejects.toThrow('The server answered 502 Bad Gateway')
  })

  it('explains network failures in plain words', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch')
      }),
    )
    await expect(fetchJson('/api/config')).rejects.toThrow(/Could not reach/)
  })
})
