import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  apiRequest,
  ApiError,
  describeWait,
  fetchJson,
  loginUrl,
  readableMessage,
  requestHeaders,
  setCsrfToken,
  setSessionListener,
} from './api'

describe('fetchJson', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('surfaces the server message from a 4xx body, and keeps the body (a stale task\'s 409 carries the task)', async () => {
    const body = { statusCode: 400, error: 'Bad Request', message: 'from must be YYYY-MM' }
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json(body, { status: 400 })),
    )
    await expect(fetchJson('/api/summary')).rejects.toEqual(new ApiError('from must be YYYY-MM', 400, 'Bad Request', null, body))
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

describe('session plumbing', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    setCsrfToken(null)
    setSessionListener(null)
  })

  it('sends the CSRF token on writes only', () => {
    expect(requestHeaders('GET', false, 'tok')).toEqual({ accept: 'application/json' })
    expect(requestHeaders('POST', true, 'tok')).toEqual({ accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': 'tok' })
    expect(requestHeaders('PATCH', true, 'tok')['x-csrf-token']).toBe('tok')
    expect(requestHeaders('DELETE', false, 'tok')['x-csrf-token']).toBe('tok')
    expect(requestHeaders('POST', true, null)).toEqual({ accept: 'application/json', 'content-type': 'application/json' })
  })

  it('puts the token held in memory on a POST through apiRequest, with a JSON body', async () => {
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => new Response(null, { status: 204 }))
    vi.stubGlobal('fetch', fetchMock)
    setCsrfToken('secret-token')
    await expect(apiRequest('/api/users/3/password', { method: 'POST', body: { password: 'x' } })).resolves.toBeUndefined()
    await apiRequest('/api/users', {}).catch(() => {})
    const [, postInit] = fetchMock.mock.calls[0]
    expect(postInit?.method).toBe('POST')
    expect((postInit?.headers as Record<string, string>)['x-csrf-token']).toBe('secret-token')
    expect(postInit?.body).toBe('{"password":"x"}')
    const [, getInit] = fetchMock.mock.calls[1]
    expect((getInit?.headers as Record<string, string>)['x-csrf-token']).toBeUndefined()
  })

  it('reports a 401 as the end of the session, unless the caller handles it', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json({ statusCode: 401, error: 'Unauthorized', message: 'Your session has ended; sign in again.' }, { status: 401 })),
    )
    const onSessionEnded = vi.fn()
    setSessionListener({ onSessionEnded, onPasswordChangeRequired: vi.fn() })
    await expect(fetchJson('/api/summary')).rejects.toMatchObject({ status: 401 })
    expect(onSessionEnded).toHaveBeenCalledTimes(1)
    await expect(apiRequest('/api/auth/login', { method: 'POST', body: {}, handlesUnauthorized: true })).rejects.toMatchObject({
      status: 401,
      message: 'Your session has ended; sign in again.',
    })
    expect(onSessionEnded).toHaveBeenCalledTimes(1)
  })

  it('reports a forced password change', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json({ statusCode: 403, error: 'Password Change Required', message: 'Change your one-time password before going on.' }, { status: 403 }),
      ),
    )
    const onPasswordChangeRequired = vi.fn()
    setSessionListener({ onSessionEnded: vi.fn(), onPasswordChangeRequired })
    await expect(fetchJson('/api/users')).rejects.toMatchObject({ status: 403, errorName: 'Password Change Required' })
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1)
  })

  it('keeps the retry time of a 429', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json(
          { statusCode: 429, error: 'Too Many Requests', message: 'Too many failed sign-ins; try again in 15 minutes.' },
          { status: 429, headers: { 'retry-after': '900' } },
        ),
      ),
    )
    await expect(apiRequest(loginUrl, { method: 'POST', body: {}, handlesUnauthorized: true })).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: 900,
      message: 'Too many failed sign-ins; try again in 15 minutes.',
    })
  })

  it('writes the retry time itself when the 429 body does not', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('slow down', { status: 429, headers: { 'retry-after': '90' } })))
    await expect(apiRequest(loginUrl, { method: 'POST', body: {} })).rejects.toThrow('Too many attempts; try again in 2 minutes.')
    expect(describeWait(1)).toBe('in 1 second')
    expect(describeWait(45)).toBe('in 45 seconds')
  })
})

describe('stale CSRF token', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    setCsrfToken(null)
    setSessionListener(null)
  })

  it('renews the token from the session and retries the write once', async () => {
    const user = { id: 1, email: 'a@b.uk', name: 'A', role: 'admin', mustChangePassword: false, wards: [] }
    const sent: (string | undefined)[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (url === '/api/auth/session') return Response.json({ user, csrfToken: 'fresh' })
        const token = (init?.headers as Record<string, string>)['x-csrf-token']
        sent.push(token)
        return token === 'fresh'
          ? Response.json({ ok: true })
          : Response.json({ statusCode: 403, error: 'CSRF', message: 'Send the token' }, { status: 403 })
      }),
    )
    const onSessionRenewed = vi.fn()
    setSessionListener({ onSessionEnded: vi.fn(), onPasswordChangeRequired: vi.fn(), onSessionRenewed })
    setCsrfToken('stale')
    await expect(apiRequest('/api/users', { method: 'POST', body: {} })).resolves.toEqual({ ok: true })
    expect(sent).toEqual(['stale', 'fresh'])
    expect(onSessionRenewed).toHaveBeenCalledWith({ user, csrfToken: 'fresh' })
  })

  it('gives up after one retry', async () => {
    const fetchMock = vi.fn(async (url: string) =>
      url === '/api/auth/session'
        ? Response.json({ user: {}, csrfToken: 'still-wrong' })
        : Response.json({ statusCode: 403, error: 'CSRF', message: 'Send the token' }, { status: 403 }),
    )
    vi.stubGlobal('fetch', fetchMock)
    await expect(apiRequest('/api/users', { method: 'POST', body: {} })).rejects.toMatchObject({ status: 403, errorName: 'CSRF' })
    expect(fetchMock).toHaveBeenCalledTimes(3)
  })
})

describe('readableMessage', () => {
  it('turns field-prefixed server messages into sentences', () => {
    expect(readableMessage('currentPassword: is incorrect')).toBe('Current password is incorrect')
    expect(readableMessage('newPassword: must be at least 10 characters')).toBe('New password must be at least 10 characters')
    expect(readableMessage('email: a@b.uk already has an account')).toBe('a@b.uk already has an account')
    expect(readableMessage('email: must be an email address')).toBe('Email must be an email address')
    expect(readableMessage('Email or password is incorrect.')).toBe('Email or password is incorrect.')
    expect(readableMessage('mystery: field')).toBe('mystery: field')
  })
})

