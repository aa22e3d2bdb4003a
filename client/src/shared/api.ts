import type { Role } from '../../../server/src/features/users/roles'
import type { SignedIn as SessionAnswer } from '../../../server/src/features/auth/schemas'

/** `?a=1&b=2` from the entries that have a value; '' when none has. */
export function queryString(entries: [string, string | null | undefined][]): string {
  const present = entries.filter((entry): entry is [string, string] => entry[1] != null && entry[1] !== '')
  if (present.length === 0) return ''
  return `?${present.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&')}`
}

/** Every ward's name and council, for pickers (staff). */
export const wardListUrl = '/api/wards/list'

export type { WardList as WardListAnswer } from '../../../server/src/features/wards/schemas'

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    /** The server's short error name (`error` in the body), e.g. "Password Change Required" or "CSRF". */
    readonly errorName: string | null = null,
    /** From a 429's Retry-After header, in seconds. */
    readonly retryAfterSeconds: number | null = null,
    /** The whole JSON error body, for answers that carry more than a message (a stale task's 409 carries the task). */
    readonly body: unknown = null,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Session plumbing: every request goes through `apiRequest`, which sends the CSRF token on writes and tells the app
// when the session has ended, so no component has to think about either.
// ---------------------------------------------------------------------------------------------------------------

export const CSRF_HEADER = 'x-csrf-token'

/** Held in memory only: a token in storage would outlive the session cookie and be readable by any script. */
let csrfToken: string | null = null

export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

export function currentCsrfToken(): string | null {
  return csrfToken
}

export interface SessionListener {
  /** A request that needed a session got 401: it expired, was ended elsewhere, or the account was disabled. */
  onSessionEnded(): void
  /** A request got 403 Password Change Required (an administrator reset the password meanwhile). */
  onPasswordChangeRequired(): void
  /** The session was found to have changed under this page (signed in again in another tab): here is the new one. */
  onSessionRenewed?(answer: SessionAnswer): void
}

let sessionListener: SessionListener | null = null

export function setSessionListener(listener: SessionListener | null): void {
  sessionListener = listener
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

const SAFE_METHODS: ReadonlySet<HttpMethod> = new Set(['GET'])

/** Headers for one request: JSON both ways, and the session's CSRF token on anything that changes state. */
export function requestHeaders(method: HttpMethod, hasBody: boolean, token: string | null): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (hasBody) headers['content-type'] = 'application/json'
  if (!SAFE_METHODS.has(method) && token) headers[CSRF_HEADER] = token
  return headers
}

export interface RequestOptions {
  method?: HttpMethod
  body?: unknown
  signal?: AbortSignal
  /**
   * The caller handles 401 itself (sign-in with a wrong password, the session check at start-up) instead of it
   * meaning "your session has ended".
   */
  handlesUnauthorized?: boolean
  /** Internal: this is the one retry after renewing a stale CSRF token. */
  isRetry?: boolean
  /** 'blob': the answer's bytes (a PDF), its errors still read as the API's JSON. */
  answer?: 'json' | 'blob'
}

function retryAfterOf(response: Response): number | null {
  const raw = response.headers.get('retry-after')
  if (raw === null || raw.trim() === '') return null
  const seconds = Number(raw)
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : null
}

/** "in 3 minutes", "in 40 seconds": for a 429 whose body has no message of its own. */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? '' : 's'}`
  const minutes = Math.ceil(seconds / 60)
  return `in ${minutes} minute${minutes === 1 ? '' : 's'}`
}

async function errorOf(response: Response): Promise<ApiError> {
  let message = `The server answered ${response.status} ${response.statusText}`.trim()
  let errorName: string | null = null
  let body: { message?: unknown; error?: unknown } | null = null
  try {
    body = (await response.json()) as { message?: unknown; error?: unknown }
    if (typeof body.message === 'string' && body.message.trim() !== '') message = body.message
    if (typeof body.error === 'string') errorName = body.error
  } catch {
    // Non-JSON error pages (a proxy, say) keep the status-line message.
  }
  const retryAfter = response.status === 429 ? retryAfterOf(response) : null
  if (response.status === 429 && retryAfter !== null && !/try again/i.test(message)) {
    message = `Too many attempts; try again ${describeWait(retryAfter)}.`
  }
  return new ApiError(message, response.status, errorName, retryAfter, body)
}

/**
 * One request to the API. Resolves to the parsed JSON body, or undefined for 204. Prefers the server's own
 * `message` in errors (the contract's 4xx body) because it names what was wrong.
 */
export async function apiRequest<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET'
  const hasBody = options.body !== undefined
  let response: Response
  try {
    response = await fetch(url, {
      method,
      signal: options.signal,
      headers: requestHeaders(method, hasBody, csrfToken),
      body: hasBody ? JSON.stringify(options.body) : undefined,
      credentials: 'same-origin',
    })
  } catch (error) {
    if (options.signal?.aborted) throw error
    throw new ApiError('Could not reach the Patrolmap server. Check your connection and try again.', null)
  }
  if (!response.ok) {
    const error = await errorOf(response)
    // Signing in again in another tab replaces the session cookie this tab shares, and with it the CSRF token. The
    // session itself is fine: fetch its token and try the write once more.
    if (response.status === 403 && error.errorName === 'CSRF' && !options.isRetry) {
      const renewed = await apiRequest<SessionAnswer>(sessionUrl, { signal: options.signal })
      csrfToken = renewed.csrfToken
      sessionListener?.onSessionRenewed?.(renewed)
      return apiRequest<T>(url, { ...options, isRetry: true })
    }
    if (response.status === 401 && !options.handlesUnauthorized) sessionListener?.onSessionEnded()
    if (response.status === 403 && error.errorName === 'Password Change Required') sessionListener?.onPasswordChangeRequired()
    throw error
  }
  if (response.status === 204) return undefined as T
  if (options.answer === 'blob') return (await response.blob()) as T
  return (await response.json()) as T
}

/**
 * POSTs a file as the request body with its upload progress (fetch reports none): XMLHttpRequest, with the same
 * CSRF header and error handling as apiRequest. `onProgress` gets the share sent, 0 to 1.
 */
export function uploadFile<T>(url: string, file: Blob, contentType: string, onProgress: (sent: number) => void, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest()
    request.open('POST', url)
    for (const [name, value] of Object.entries(requestHeaders('POST', false, csrfToken))) request.setRequestHeader(name, value)
    request.setRequestHeader('content-type', contentType)
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total)
    }
    request.onerror = () => reject(new ApiError('Could not reach the Patrolmap server. Check your connection and try again.', null))
    request.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'))
    request.onload = () => {
      const response = new Response(request.responseText || null, { status: request.status, statusText: request.statusText, headers: { 'content-type': 'application/json' } })
      if (request.status >= 200 && request.status < 300) {
        resolve((request.status === 204 ? undefined : JSON.parse(request.responseText)) as T)
        return
      }
      void errorOf(response).then((error) => {
        if (request.status === 401) sessionListener?.onSessionEnded()
        reject(error)
      })
    }
    signal?.addEventListener('abort', () => request.abort(), { once: true })
    request.send(file)
  })
}

export function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return apiRequest<T>(url, { signal })
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

const FIELD_LABELS: Record<string, string> = {
  currentPassword: 'Current password',
  newPassword: 'New password',
  password: 'Password',
  name: 'Name',
  role: 'Role',
  wards: 'Wards',
  disabled: 'Disabled',
  from: 'From',
  to: 'To',
  actor: 'Actor',
}

/**
 * The server names the field at fault as "newPassword: must be at least 10 characters"; people read
 * "New password must be at least 10 characters". Messages about an email already say which one.
 */
export function readableMessage(message: string): string {
  const match = /^([A-Za-z]+): (.+)$/s.exec(message)
  if (!match) return message
  const [, field, rest] = match
  if (field === 'email') return rest.includes('@') ? rest : `Email ${rest}`
  const label = FIELD_LABELS[field]
  return label ? `${label} ${rest}` : message
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return readableMessage(error.message)
  if (error instanceof Error) return error.message
  return String(error)
}

// ---------------------------------------------------------------------------------------------------------------
// Access control (docs/access.md): the roles, the user and the session are the server's (users/, auth/)
// ---------------------------------------------------------------------------------------------------------------

export { ROLES, type Role } from '../../../server/src/features/users/roles'
export type { User } from '../../../server/src/features/users/schemas'
export type { SignedIn as SessionAnswer } from '../../../server/src/features/auth/schemas'

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  analyst: 'Analyst',
  inspector: 'Inspector',
  councillor: 'Councillor',
  officer: 'Officer',
}

export const sessionUrl = '/api/auth/session'
export const loginUrl = '/api/auth/login'
export const logoutUrl = '/api/auth/logout'
export const passwordUrl = '/api/auth/password'
