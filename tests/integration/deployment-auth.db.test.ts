// Sign-in as deployed: the first administrator from the environment, and behind a TLS-terminating proxy.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { securityFromConfig } from '../../server/src/app.js'
import { loadConfig } from '../../server/src/config.js'
import { bootstrapAdmin, type BootstrapResult } from '../../server/src/features/auth/bootstrap-admin.js'
import { signIn, startTestApp, type TestApp } from '../support/test-app.js'

let testApp: TestApp
let made: BootstrapResult | null
const login = (headers: Record<string, string>, password = 'a chosen admin password') =>
  testApp.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'chief@council.gov.uk', password }, headers })
const lastAuditIp = async (action: string) =>
  (await testApp.pool.query(`SELECT ip FROM audit_log WHERE action = $1 ORDER BY id DESC LIMIT 1`, [action])).rows[0].ip

beforeAll(async () => {
  // As deployed behind one proxy, from the environment; app.inject's requests come from 127.0.0.1, the proxy here.
  const security = securityFromConfig(loadConfig({ TRUST_PROXY: '127.0.0.1', LOGIN_MAX_FAILURES_PER_ADDRESS: '3' }))
  testApp = await startTestApp({ security })
  // First, on the empty database, as at a deployment's first start; every test signs in as this administrator.
  made = await bootstrapAdmin(testApp.pool, { email: 'Chief@Council.gov.uk', password: 'a chosen admin password' })
})
// One test's wrong guesses must not count towards another's limits.
beforeEach(() => testApp.pool.query('DELETE FROM login_failures'))
afterAll(() => testApp.close())

describe('the first administrator from PATROLMAP_ADMIN_EMAIL and PATROLMAP_ADMIN_PASSWORD', () => {
  it('is made with the given email and password, needs no change, and is made only once', async () => {
    expect(made).toEqual({ email: 'chief@council.gov.uk', oneTimePassword: null })
    expect(await bootstrapAdmin(testApp.pool, { email: 'other@council.gov.uk', password: 'another admin password' })).toBeNull()
    const session = await signIn(testApp.app, 'chief@council.gov.uk', 'a chosen admin password')
    expect(session.user).toMatchObject({ role: 'admin', mustChangePassword: false })
  })
})

describe('behind a TLS proxy the server is told to trust', () => {
  it('marks the session cookie Secure and records the client address', async () => {
    const response = await login({ 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' })
    expect(response.statusCode).toBe(200)
    expect(response.cookies.find((cookie) => cookie.name === 'pm_session')!.secure).toBe(true)
    expect(await lastAuditIp('auth.login')).toBe('203.0.113.9')
  })

  it('takes the address the proxy saw, not one the client wrote at the left of X-Forwarded-For', async () => {
    // The proxy appends the address it saw to whatever the client sent.
    const forged = await login({ 'x-forwarded-for': '192.0.2.1, 203.0.113.9' })
    expect(forged.statusCode).toBe(200)
    expect(await lastAuditIp('auth.login')).toBe('203.0.113.9')
  })

  it('cannot be dodged by writing a new address at the left of X-Forwarded-For for each guess', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const guess = await login({ 'x-forwarded-for': `192.0.2.${attempt + 10}, 198.51.100.77` }, `wrong ${attempt}`)
      expect(guess.statusCode).toBe(401)
      expect(await lastAuditIp('auth.login_failed')).toBe('198.51.100.77')
    }
    const refused = await login({ 'x-forwarded-for': '192.0.2.99, 198.51.100.77' })
    expect(refused.statusCode).toBe(429)
    // Another client behind the same proxy is not refused.
    expect((await login({ 'x-forwarded-for': '198.51.100.78' })).statusCode).toBe(200)
  })

  it('believes the headers only from the proxies it was given', async () => {
    const direct = await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'chief@council.gov.uk', password: 'a chosen admin password' },
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.10' },
      remoteAddress: '198.51.100.5',
    })
    expect(direct.statusCode).toBe(200)
    expect(direct.cookies.find((cookie) => cookie.name === 'pm_session')!.secure).toBeFalsy()
    expect(await lastAuditIp('auth.login')).toBe('198.51.100.5')
  })
})
