// The audit trail (app.inject, real PostGIS): read by admins, never written through the API, imports recorded.
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'

let testApp: TestApp
let admin: SignedIn

const inject = (options: InjectOptions) => testApp.app.inject(options)
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => testApp.app.inject({ method: 'POST', url, payload: payload as object, headers })
const login = (email: string, password: string, headers: Record<string, string> = {}) => post('/api/auth/login', { email, password }, headers)
const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows
const auditOf = (action: string) => sql(`SELECT * FROM audit_log WHERE action = $1 ORDER BY id`, [action])

beforeAll(async () => {
  testApp = await startTestApp()
  await testApp.importFiles(boundaryFiles)
  // Entries to read: failed sign-ins, the admin's sign-in, a user the admin creates.
  for (const email of ['nobody@test.local', 'nobody@test.local', 'someone@test.local']) expect((await login(email, 'not the password')).statusCode).toBe(401)
  admin = await testApp.signInAs('admin')
  expect((await post('/api/users', { email: 'audited@test.local', name: 'Audited', role: 'inspector', password: 'a long first password' }, admin.headers)).statusCode).toBe(201)
})
afterAll(() => testApp.close())

describe('the audit trail', () => {
  it('is read newest first with filters and paging', async () => {
    const page1 = await inject({ method: 'GET', url: '/api/audit?limit=3', headers: admin.headers })
    expect(page1.statusCode).toBe(200)
    const body = page1.json()
    expect(body.items).toHaveLength(3)
    const ids = body.items.map((item: { id: number }) => item.id)
    expect([...ids].sort((a, b) => b - a)).toEqual(ids)
    const page2 = (await inject({ method: 'GET', url: `/api/audit?limit=3&cursor=${body.nextCursor}`, headers: admin.headers })).json()
    expect(page2.items[0].id).toBeLessThan(ids[2])
    const failed = (await inject({ method: 'GET', url: '/api/audit?action=auth.login_failed&limit=500', headers: admin.headers })).json()
    const [expected] = await sql(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed'`)
    expect(failed.items).toHaveLength(expected.n)
    const byActor = (await inject({ method: 'GET', url: '/api/audit?actor=ADMIN@test.local&limit=500', headers: admin.headers })).json()
    expect(byActor.items.length).toBeGreaterThan(0)
    expect(byActor.items.every((item: { actor: { email: string } }) => item.actor.email === 'admin@test.local')).toBe(true)
    const today = new Date().toISOString().slice(0, 10)
    const dated = await inject({ method: 'GET', url: `/api/audit?from=2020-01-01&to=${today}`, headers: admin.headers })
    expect(dated.statusCode).toBe(200)
    for (const bad of ['from=2024-02-31', 'action=user.delete', 'from=2024-03-01&to=2024-01-01', 'cursor=-1', 'limit=100000']) {
      expect((await inject({ method: 'GET', url: `/api/audit?${bad}`, headers: admin.headers })).statusCode, bad).toBe(400)
    }
  })

  it('cannot be edited: no route writes it, and the database refuses updates and deletes', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      expect((await inject({ method, url: '/api/audit', headers: admin.headers, payload: {} })).statusCode).toBe(404)
    }
    await expect(testApp.pool.query(`UPDATE audit_log SET action = 'tampered'`)).rejects.toThrow(/append-only/)
    await expect(testApp.pool.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/)
  })

  it('records imports', async () => {
    await testApp.importFiles(boundaryFiles, { force: true, audit: { actor: null, via: 'command line' } })
    const entries = await auditOf('import.file')
    expect(entries.slice(-2).map((entry) => entry.details.file)).toEqual(['lad-dec2022-cleveland.geojson', 'wards-dec2023-cleveland.geojson'])
    expect(entries.at(-1).details).toMatchObject({ via: 'command line', status: 'committed' })
  })
})
