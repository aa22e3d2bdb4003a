// Sign-in, sessions, CSRF, throttling, password changes and the first administrator, over real HTTP semantics
// (app.inject) on a real PostGIS.
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { verifyPassword } from '../users/passwords.js'
import { boundaryFiles, createTestUser, signIn, startTestApp, TEST_PASSWORD, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'
import { bootstrapAdmin, DEFAULT_ADMIN_EMAIL, type BootstrapResult } from './bootstrap-admin.js'

let testApp: TestApp
let admin: SignedIn
let firstAdmin: BootstrapResult | null

const inject = (options: InjectOptions) => testApp.app.inject(options)
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => testApp.app.inject({ method: 'POST', url, payload: payload as object, headers })
const login = (email: string, password: string, headers: Record<string, string> = {}) => post('/api/auth/login', { email, password }, headers)
const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows
const auditOf = (action: string, afterId = 0) => sql(`SELECT * FROM audit_log WHERE action = $1 AND id > $2 ORDER BY id`, [action, afterId])
/** The newest audit entry's id: a test reads only the entries it caused. */
const lastAuditId = async (): Promise<number> => (await sql(`SELECT coalesce(max(id), 0)::int AS id FROM audit_log`))[0].id

beforeAll(async () => {
  testApp = await startTestApp({ security: { maxFailuresPerAccount: 5, maxFailuresPerAddress: 12, windowMinutes: 15 } })
  await testApp.importFiles(boundaryFiles)
  // First, while the database has no users at all.
  firstAdmin = await bootstrapAdmin(testApp.pool, {})
  admin = await testApp.signInAs('admin')
  await createTestUser(testApp.pool, { email: 'cookie@test.local', role: 'analyst', name: 'Cookie Tester' })
})
// Every inject comes from 127.0.0.1, so one test's failed sign-ins would count towards the next one's address limit.
beforeEach(() => sql('DELETE FROM login_failures'))
afterAll(() => testApp.close())

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and returns the user and a CSRF token', async () => {
    const response = await login('Cookie@Test.local ', TEST_PASSWORD)
    expect(response.statusCode).toBe(200)
    const cookie = response.cookies.find((candidate) => candidate.name === 'pm_session')!
    expect(cookie.httpOnly).toBe(true)
    expect(cookie.sameSite).toBe('Strict')
    expect(cookie.path).toBe('/')
    expect(cookie.secure).toBeFalsy()
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const body = response.json()
    expect(body.user).toMatchObject({ email: 'cookie@test.local', name: 'Cookie Tester', role: 'analyst', mustChangePassword: false, wards: [] })
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/)
    // Only a digest of the token is stored.
    const [stored] = await sql(`SELECT count(*)::int AS n FROM sessions WHERE token_hash = sha256(convert_to($1, 'UTF8'))`, [cookie.value])
    expect(stored.n).toBe(1)
    expect(JSON.stringify(await sql('SELECT * FROM sessions'))).not.toContain(cookie.value)
  })

  it('answers an unknown email, a wrong password and a disabled account with the same 401', async () => {
    await createTestUser(testApp.pool, { email: 'disabled@test.local', role: 'analyst' })
    await sql(`UPDATE users SET disabled = true WHERE email = 'disabled@test.local'`)
    const since = await lastAuditId()
    const answers = await Promise.all([
      login('nobody@test.local', TEST_PASSWORD),
      login('cookie@test.local', 'not the password'),
      login('disabled@test.local', TEST_PASSWORD),
    ])
    for (const answer of answers) {
      expect(answer.statusCode).toBe(401)
      expect(answer.json().message).toBe('Email or password is incorrect.')
      expect(answer.cookies).toEqual([])
    }
    const failures = await auditOf('auth.login_failed', since)
    expect(failures.map((row) => row.details.reason).sort()).toEqual(['account disabled', 'unknown email', 'wrong password'])
    expect(failures.every((row) => row.ip)).toBe(true)
  })

  it('refuses a malformed or oversized body with 400/413, never 500', async () => {
    expect((await post('/api/auth/login', { email: 'a@b.c' })).statusCode).toBe(400)
    expect((await post('/api/auth/login', { email: 'a@b.c', password: 'x', admin: true })).statusCode).toBe(400)
    const bad = await inject({ method: 'POST', url: '/api/auth/login', payload: '{"email": ', headers: { 'content-type': 'application/json' } })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).not.toMatch(/at .*\.(ts|js):\d+/)
    expect((await post('/api/auth/login', { email: 'a@b.c', password: 'x'.repeat(5000) })).statusCode).toBe(413)
  })
})

describe('sessions', () => {
  it('lets the session read the user, and ends it at sign-out', async () => {
    const session = await signIn(testApp.app, 'cookie@test.local')
    const me = await inject({ method: 'GET', url: '/api/auth/session', headers: session.headers })
    expect(me.statusCode).toBe(200)
    expect(me.json()).toMatchObject({ user: { email: 'cookie@test.local' }, csrfToken: session.csrfToken })
    const out = await post('/api/auth/logout', undefined, session.headers)
    expect(out.statusCode).toBe(204)
    expect(out.cookies.find((cookie) => cookie.name === 'pm_session')?.value).toBe('')
    const after = await inject({ method: 'GET', url: '/api/auth/session', headers: session.headers })
    expect(after.statusCode).toBe(401)
    expect(after.json().message).toMatch(/session has ended/)
    expect((await auditOf('auth.logout')).at(-1).actor_email).toBe('cookie@test.local')
  })

  it('expires a session left idle longer than the idle limit', async () => {
    const session = await signIn(testApp.app, 'cookie@test.local')
    await sql(`UPDATE sessions SET last_seen_at = now() - interval '62 minutes' WHERE user_id = $1`, [session.user.id])
    expect((await inject({ method: 'GET', url: '/api/auth/session', headers: session.headers })).statusCode).toBe(401)
  })

  it('expires a session at its absolute limit however busy it is', async () => {
    const session = await signIn(testApp.app, 'cookie@test.local')
    await sql(`UPDATE sessions SET expires_at = now() - interval '1 second', last_seen_at = now() WHERE user_id = $1`, [session.user.id])
    expect((await inject({ method: 'GET', url: '/api/auth/session', headers: session.headers })).statusCode).toBe(401)
  })

  it('keeps an active session alive by recording when it was last seen', async () => {
    const session = await signIn(testApp.app, 'cookie@test.local')
    await sql(`UPDATE sessions SET last_seen_at = now() - interval '59 minutes' WHERE user_id = $1`, [session.user.id])
    expect((await inject({ method: 'GET', url: '/api/auth/session', headers: session.headers })).statusCode).toBe(200)
    const [row] = await sql(`SELECT extract(epoch FROM now() - max(last_seen_at)) AS age FROM sessions WHERE user_id = $1`, [session.user.id])
    expect(Number(row.age)).toBeLessThan(60)
  })

  it('refuses a forged cookie', async () => {
    const forged = await inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: `pm_session=${'A'.repeat(43)}` } })
    expect(forged.statusCode).toBe(401)
    const junk = await inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: "pm_session=' OR 1=1 --" } })
    expect(junk.statusCode).toBe(401)
  })
})

describe('CSRF', () => {
  it('refuses a write without the token, or with another session\u2019s, and allows it with the right one', async () => {
    const other = await signIn(testApp.app, 'cookie@test.local')
    const payload = { email: 'csrf-made@test.local', name: 'CSRF', role: 'inspector', password: 'a long first password' }
    const missing = await post('/api/users', payload, { cookie: admin.cookie })
    expect(missing.statusCode).toBe(403)
    expect(missing.json().error).toBe('CSRF')
    const wrong = await post('/api/users', payload, { cookie: admin.cookie, 'x-csrf-token': other.csrfToken })
    expect(wrong.statusCode).toBe(403)
    expect(await sql(`SELECT 1 FROM users WHERE email = 'csrf-made@test.local'`)).toEqual([])
    const right = await post('/api/users', payload, admin.headers)
    expect(right.statusCode).toBe(201)
  })

  it('needs the token for sign-out too', async () => {
    const session = await signIn(testApp.app, 'cookie@test.local')
    expect((await post('/api/auth/logout', undefined, { cookie: session.cookie })).statusCode).toBe(403)
    expect((await inject({ method: 'GET', url: '/api/auth/session', headers: session.headers })).statusCode).toBe(200)
  })
})

describe('sign-in throttling', () => {
  it('locks an account after 5 failures, even against the right password, and says when to retry', async () => {
    await createTestUser(testApp.pool, { email: 'locked@test.local', role: 'analyst' })
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await login('locked@test.local', `wrong ${attempt}`, { 'x-forwarded-for': '198.51.100.1' })).statusCode).toBe(401)
    }
    const locked = await login('locked@test.local', TEST_PASSWORD)
    expect(locked.statusCode).toBe(429)
    const retryAfter = Number(locked.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(800)
    expect(retryAfter).toBeLessThanOrEqual(900)
    expect(locked.json().message).toMatch(/try again in 15 minutes/)
    // Once the window has passed, the right password works again and resets the count.
    await sql(`UPDATE login_failures SET at = at - interval '16 minutes' WHERE email = 'locked@test.local'`)
    expect((await login('locked@test.local', TEST_PASSWORD)).statusCode).toBe(200)
    expect((await auditOf('auth.login_failed')).some((row) => row.details.reason === 'throttled')).toBe(true)
  })

  it('throttles an unknown email the same way, so a lock reveals nothing', async () => {
    await sql('DELETE FROM login_failures')
    for (let attempt = 0; attempt < 5; attempt++) await login('ghost@test.local', `wrong ${attempt}`)
    expect((await login('ghost@test.local', 'anything')).statusCode).toBe(429)
  })

  it('limits failures per address across accounts', async () => {
    await sql('DELETE FROM login_failures')
    const from = { 'x-forwarded-for': '192.0.2.44' }
    // Trust proxy is off here, so every inject comes from 127.0.0.1 whatever the header says.
    for (let attempt = 0; attempt < 12; attempt++) await login(`spray${attempt}@test.local`, 'guess', from)
    const blocked = await login('cookie@test.local', TEST_PASSWORD, from)
    expect(blocked.statusCode).toBe(429)
    await sql('DELETE FROM login_failures')
  })
})

describe('passwords', () => {
  it('stores scrypt hashes, never the password', async () => {
    const [row] = await sql(`SELECT password_hash FROM users WHERE email = 'cookie@test.local'`)
    expect(row.password_hash).toMatch(/^scrypt\$\d+\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
    expect(row.password_hash).not.toContain(TEST_PASSWORD)
    expect(await verifyPassword(TEST_PASSWORD, row.password_hash)).toBe(true)
  })

  it('changes a password: checks the current one and the new one, and ends the user\u2019s other sessions', async () => {
    await createTestUser(testApp.pool, { email: 'changer@test.local', role: 'inspector' })
    const here = await signIn(testApp.app, 'changer@test.local')
    const elsewhere = await signIn(testApp.app, 'changer@test.local')
    const wrongCurrent = await post('/api/auth/password', { currentPassword: 'nope', newPassword: 'a fine new password' }, here.headers)
    expect(wrongCurrent.statusCode).toBe(400)
    expect(wrongCurrent.json().message).toMatch(/^currentPassword/)
    const tooShort = await post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' }, here.headers)
    expect(tooShort.statusCode).toBe(400)
    expect(tooShort.json().message).toMatch(/^newPassword: must be at least 10/)
    const same = await post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'changer@test.local' }, here.headers)
    expect(same.statusCode).toBe(400)
    const changed = await post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a fine new password' }, here.headers)
    expect(changed.statusCode).toBe(204)
    expect((await inject({ method: 'GET', url: '/api/auth/session', headers: here.headers })).statusCode).toBe(200)
    expect((await inject({ method: 'GET', url: '/api/auth/session', headers: elsewhere.headers })).statusCode).toBe(401)
    expect((await login('changer@test.local', TEST_PASSWORD)).statusCode).toBe(401)
    expect((await login('changer@test.local', 'a fine new password')).statusCode).toBe(200)
    expect((await auditOf('auth.password_change')).at(-1)).toMatchObject({ actor_email: 'changer@test.local', target: `user:${here.user.id}` })
  })

  it('audits a wrong current password as a failed sign-in is, throttled ones too, and answers as before', async () => {
    await createTestUser(testApp.pool, { email: 'guesser@test.local', role: 'inspector' })
    const session = await signIn(testApp.app, 'guesser@test.local')
    const since = await lastAuditId()
    const guess = () => post('/api/auth/password', { currentPassword: 'a guess at it', newPassword: 'a fine new password' }, session.headers)
    // The test app allows five failures in the window.
    for (let attempt = 0; attempt < 5; attempt++) {
      const wrong = await guess()
      expect(wrong.statusCode).toBe(400)
      expect(wrong.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: 'currentPassword: is incorrect' })
    }
    expect((await guess()).statusCode).toBe(429)
    const failures = await auditOf('auth.password_change_failed', since)
    expect(failures.map((row) => row.details.reason)).toEqual([...Array(5).fill('wrong current password'), 'throttled'])
    expect(failures[0]).toMatchObject({ actor_email: 'guesser@test.local', target: `user:${session.user.id}`, ip: '127.0.0.1' })
    expect(Number(failures[0].actor_id)).toBe(session.user.id)
    // Nothing in them but what a failed sign-in records: never the password tried.
    expect(JSON.stringify(failures)).not.toContain('a guess at it')
    expect(await auditOf('auth.password_change', since)).toEqual([])
  })

  it('takes any character in a password but NUL, up to its length, and still refuses control characters elsewhere', async () => {
    await createTestUser(testApp.pool, { email: 'typist@test.local', role: 'analyst' })
    const session = await signIn(testApp.app, 'typist@test.local')
    // A tab, a line break and DEL (a password manager's, a paste's), and letters beyond ASCII.
    const unusual = 'tab\there, line\nbreak, del\u007f, ünïcødé 密码 ✓'
    const changed = await post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: unusual }, session.headers)
    expect(changed.statusCode).toBe(204)
    expect((await login('typist@test.local', unusual)).statusCode).toBe(200)
    const created = await post('/api/users', { email: 'unusual@test.local', name: 'Unusual', role: 'analyst', password: unusual }, admin.headers)
    expect(created.statusCode).toBe(201)
    const reset = await post(`/api/users/${created.json().id}/password`, { password: `${unusual}\r` }, admin.headers)
    expect(reset.statusCode).toBe(204)

    const withNul = await login('typist@test.local', `${unusual}\u0000`)
    expect(withNul.statusCode).toBe(400)
    expect(withNul.json().message).toBe('body/password must not contain a NUL character')
    const nulNew = await post('/api/auth/password', { currentPassword: unusual, newPassword: 'a new\u0000password' }, session.headers)
    expect(nulNew.json().message).toBe('body/newPassword must not contain a NUL character')
    const tooLong = await login('typist@test.local', 'x'.repeat(201))
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.json().message).toMatch(/^body\/password must NOT have more than 200 characters/)
    const tabbedEmail = await login('typist@test.local\t', unusual)
    expect(tabbedEmail.json().message).toBe('body/email must not contain control characters')
  })

  it('holds a one-time password user to the change before anything else', async () => {
    await createTestUser(testApp.pool, { email: 'fresh@test.local', role: 'analyst', mustChangePassword: true })
    const session = await signIn(testApp.app, 'fresh@test.local')
    expect(session.user).toMatchObject({ mustChangePassword: true })
    const blocked = await inject({ method: 'GET', url: '/api/summary', headers: session.headers })
    expect(blocked.statusCode).toBe(403)
    expect(blocked.json().error).toBe('Password Change Required')
    expect((await inject({ method: 'GET', url: '/api/auth/session', headers: session.headers })).statusCode).toBe(200)
    expect((await post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'my own new password' }, session.headers)).statusCode).toBe(204)
    expect((await inject({ method: 'GET', url: '/api/summary', headers: session.headers })).statusCode).toBe(200)
  })
})

describe('the first administrator', () => {
  it('is made on an empty database with a random one-time password, only once, and must change it', async () => {
    expect(firstAdmin?.email).toBe(DEFAULT_ADMIN_EMAIL)
    expect(firstAdmin?.oneTimePassword).toMatch(/^[A-Za-z0-9_-]{16}$/)
    expect(await bootstrapAdmin(testApp.pool, {})).toBeNull()
    const [row] = await sql(`SELECT role, must_change_password FROM users WHERE email = $1`, [DEFAULT_ADMIN_EMAIL])
    expect(row).toEqual({ role: 'admin', must_change_password: true })
    const session = await signIn(testApp.app, DEFAULT_ADMIN_EMAIL, firstAdmin!.oneTimePassword!)
    expect(session.user.mustChangePassword).toBe(true)
    const [audit] = await sql(`SELECT * FROM audit_log WHERE action = 'user.create' ORDER BY id LIMIT 1`)
    expect(audit.details).toEqual({ bootstrap: true })
    expect(JSON.stringify(audit)).not.toContain(firstAdmin!.oneTimePassword!)
  })
})
