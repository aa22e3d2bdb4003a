// Idle expiry at short limits: a session used at least once per idle window never ends, at every allowed limit;
// time passes by moving last_seen_at back in the database rather than sleeping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findSessionUser } from '../../server/src/features/auth/sessions.js'
import { signIn, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js'

let testApp: TestApp

beforeAll(async () => {
  testApp = await startTestApp({ security: { sessionIdleMinutes: 1 } })
  await testApp.signInAs('analyst')
})
afterAll(() => testApp.close())

const token = (session: SignedIn) => session.cookie.replace(/^pm_session=/, '')
/** `seconds` pass without a request. */
const idleFor = (session: SignedIn, seconds: number) =>
  testApp.pool.query(`UPDATE sessions SET last_seen_at = last_seen_at - make_interval(secs => $2) WHERE token_hash = sha256(convert_to($1, 'UTF8'))`, [
    token(session),
    seconds,
  ])
const status = async (session: SignedIn) => (await testApp.app.inject({ method: 'GET', url: '/api/auth/session', headers: session.headers })).statusCode

describe('SESSION_IDLE_MINUTES=1', () => {
  it('keeps a session used every 55 seconds alive for as long as it is used', async () => {
    const session = await signIn(testApp.app, 'analyst@test.local')
    for (let minute = 0; minute < 5; minute++) {
      await idleFor(session, 55)
      expect(await status(session), `request ${minute + 1}`).toBe(200)
    }
  })

  it('counts idle time from the last request even when that request did not write last_seen_at', async () => {
    const session = await signIn(testApp.app, 'analyst@test.local')
    await idleFor(session, 3)
    expect(await status(session)).toBe(200)
    // 58 s after that request (61 s after last_seen_at was written): still within the minute.
    await idleFor(session, 58)
    expect(await status(session)).toBe(200)
  })

  it('ends a session left idle for longer than the minute', async () => {
    const session = await signIn(testApp.app, 'analyst@test.local')
    await idleFor(session, 70)
    expect(await status(session)).toBe(401)
  })
})

describe('every idle limit', () => {
  it.each([1, 2, 9, 10, 11, 60, 720, 1440])('%i minutes: a session used within each window lives on; one idle past it ends', async (idleMinutes) => {
    const session = await signIn(testApp.app, 'analyst@test.local')
    const alive = async () => (await findSessionUser(testApp.pool, token(session), idleMinutes)) !== null
    for (let round = 0; round < 3; round++) {
      // A request soon after the last, then one a second short of the idle limit after it.
      await idleFor(session, 2)
      expect(await alive()).toBe(true)
      await idleFor(session, idleMinutes * 60 - 1)
      expect(await alive(), `round ${round + 1}`).toBe(true)
    }
    await idleFor(session, idleMinutes * 60 + 60)
    expect(await alive()).toBe(false)
  })
})
