// Sign-in as deployed: the first administrator from the environment, and behind a TLS-terminating proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bootstrapAdmin } from '../../server/src/features/auth/bootstrap-admin.js'
import { signIn, startTestApp, type TestApp } from '../support/test-app.js'

let testApp: TestApp

beforeAll(async () => {
  testApp = await startTestApp({ security: { trustProxy: true } })
})
afterAll(() => testApp.close())

describe('the first administrator from PATROLMAP_ADMIN_EMAIL and PATROLMAP_ADMIN_PASSWORD', () => {
  it('is made with the given email and password, needs no change, and is made only once', async () => {
    const made = await bootstrapAdmin(testApp.pool, { email: 'Chief@Council.gov.uk', password: 'a chosen admin password' })
    expect(made).toEqual({ email: 'chief@council.gov.uk', oneTimePassword: null })
    expect(await bootstrapAdmin(testApp.pool, { email: 'other@council.gov.uk', password: 'another admin password' })).toBeNull()
    const session = await signIn(testApp.app, 'chief@council.gov.uk', 'a chosen admin password')
    expect(session.user).toMatchObject({ role: 'admin', mustChangePassword: false })
  })
})

describe('behind a TLS proxy the server is told to trust', () => {
  it('marks the session cookie Secure and records the client address', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'chief@council.gov.uk', password: 'a chosen admin password' },
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' },
    })
    expect(response.statusCode).toBe(200)
    expect(response.cookies.find((cookie) => cookie.name === 'pm_session')!.secure).toBe(true)
    const [entry] = (await testApp.pool.query(`SELECT ip FROM audit_log WHERE action = 'auth.login' ORDER BY id DESC LIMIT 1`)).rows
    expect(entry.ip).toBe('203.0.113.9')
  })
})
