// User administration by an admin (app.inject, real PostGIS): creating, re-roling, disabling, resetting passwords.
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, createTestUser, signIn, startTestApp, TEST_PASSWORD, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'

let testApp: TestApp
let admin: SignedIn

const WARD = 'E05014882' // Stockton Town Centre (WD23)

const inject = (options: InjectOptions) => testApp.app.inject(options)
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => testApp.app.inject({ method: 'POST', url, payload: payload as object, headers })
const login = (email: string, password: string, headers: Record<string, string> = {}) => post('/api/auth/login', { email, password }, headers)
const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows
const auditOf = (action: string) => sql(`SELECT * FROM audit_log WHERE action = $1 ORDER BY id`, [action])

beforeAll(async () => {
  testApp = await startTestApp()
  await testApp.importFiles(boundaryFiles)
  admin = await testApp.signInAs('admin')
})
afterAll(() => testApp.close())

describe('user administration', () => {
  it('creates a user who must change the password at first sign-in, and refuses a taken email', async () => {
    const created = await post('/api/users', { email: 'New.Inspector@test.local', name: 'New Inspector', role: 'inspector', password: 'a long first password' }, admin.headers)
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ email: 'new.inspector@test.local', role: 'inspector', mustChangePassword: true, disabled: false, lastLoginAt: null })
    const again = await post('/api/users', { email: 'new.inspector@test.local', name: 'Again', role: 'analyst', password: 'a long first password' }, admin.headers)
    expect(again.statusCode).toBe(409)
    const weak = await post('/api/users', { email: 'weak@test.local', name: 'Weak', role: 'analyst', password: 'short' }, admin.headers)
    expect(weak.statusCode).toBe(400)
    expect(weak.json().message).toMatch(/^password/)
    const [entry] = (await auditOf('user.create')).slice(-1)
    expect(entry).toMatchObject({ actor_email: 'admin@test.local', target: `user:${created.json().id}` })
    expect(entry.after).toEqual({ email: 'new.inspector@test.local', name: 'New Inspector', role: 'inspector', disabled: false, wards: [], teamId: null })
    expect(JSON.stringify(entry)).not.toContain('a long first password')
  })

  it('re-roles a user, assigns a councillor wards, and records before and after', async () => {
    const id = await createTestUser(testApp.pool, { email: 'becomes-councillor@test.local', role: 'analyst' })
    const notCouncillor = await inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { wards: [WARD] }, headers: admin.headers })
    expect(notCouncillor.statusCode).toBe(400)
    const unknownWard = await inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { role: 'councillor', wards: ['E05999999'] }, headers: admin.headers })
    expect(unknownWard.statusCode).toBe(400)
    expect(unknownWard.json().message).toMatch(/^wards: no ward has the code E05999999/)
    const changed = await inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { role: 'councillor', wards: [WARD] }, headers: admin.headers })
    expect(changed.statusCode).toBe(200)
    expect(changed.json()).toMatchObject({ role: 'councillor', wards: [{ code: WARD, name: 'Stockton Town Centre' }] })
    const [entry] = (await auditOf('user.update')).slice(-1)
    expect(entry.before).toMatchObject({ role: 'analyst', wards: [] })
    expect(entry.after).toMatchObject({ role: 'councillor', wards: [WARD] })
    // Back to analyst: the wards go with the role.
    const back = await inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { role: 'analyst' }, headers: admin.headers })
    expect(back.json().wards).toEqual([])
    const missing = await inject({ method: 'PATCH', url: '/api/users/999999', payload: { name: 'Nobody' }, headers: admin.headers })
    expect(missing.statusCode).toBe(404)
  })

  it('disables a user, ending their sessions at once, and will not let an admin lock themself out', async () => {
    const id = await createTestUser(testApp.pool, { email: 'leaver@test.local', role: 'inspector' })
    const session = await signIn(testApp.app, 'leaver@test.local')
    const disabled = await inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { disabled: true }, headers: admin.headers })
    expect(disabled.statusCode).toBe(200)
    expect((await inject({ method: 'GET', url: '/api/auth/session', headers: session.headers })).statusCode).toBe(401)
    expect((await login('leaver@test.local', TEST_PASSWORD)).statusCode).toBe(401)
    const self = await inject({ method: 'PATCH', url: `/api/users/${admin.user.id}`, payload: { disabled: true }, headers: admin.headers })
    expect(self.statusCode).toBe(400)
    const demote = await inject({ method: 'PATCH', url: `/api/users/${admin.user.id}`, payload: { role: 'analyst' }, headers: admin.headers })
    expect(demote.statusCode).toBe(400)
  })

  it('resets a password: the user must change it next time, and their sessions end', async () => {
    const id = await createTestUser(testApp.pool, { email: 'forgetful@test.local', role: 'inspector' })
    const session = await signIn(testApp.app, 'forgetful@test.local')
    const reset = await post(`/api/users/${id}/password`, { password: 'a temporary password' }, admin.headers)
    expect(reset.statusCode).toBe(204)
    expect((await inject({ method: 'GET', url: '/api/auth/session', headers: session.headers })).statusCode).toBe(401)
    const again = await signIn(testApp.app, 'forgetful@test.local', 'a temporary password')
    expect(again.user.mustChangePassword).toBe(true)
    expect((await auditOf('user.password_reset')).at(-1)).toMatchObject({ target: `user:${id}`, actor_email: 'admin@test.local' })
  })
})
