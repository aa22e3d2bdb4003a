// GET /api/wards/list: every ward for pickers, against plain SQL, and who may ask for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, startTestApp, type TestApp } from '../../../../tests/support/test-app.js'

let testApp: TestApp

beforeAll(async () => {
  testApp = await startTestApp()
  await testApp.importFiles(boundaryFiles)
})
afterAll(() => testApp.close())

describe('GET /api/wards/list', () => {
  it('lists every ward with its council, by council name then ward name, as plain SQL does', async () => {
    const session = await testApp.signInAs('admin')
    const response = await testApp.app.inject({ method: 'GET', url: '/api/wards/list', headers: session.headers })
    expect(response.statusCode).toBe(200)
    const { rows } = await testApp.pool.query('SELECT code, name, council_code, council_name FROM wards ORDER BY council_name, name, code')
    expect(rows.length).toBeGreaterThan(50)
    expect(response.json().items).toEqual(
      rows.map((row) => ({ code: row.code, name: row.name, councilCode: row.council_code, councilName: row.council_name })),
    )
    expect(Object.keys(response.json())).toEqual(['items'])
  })

  it('is for staff: councillors are refused, anonymous callers must sign in', async () => {
    for (const role of ['admin', 'analyst', 'inspector'] as const) {
      const session = await testApp.signInAs(role)
      expect((await testApp.app.inject({ method: 'GET', url: '/api/wards/list', headers: session.headers })).statusCode).toBe(200)
    }
    const councillor = await testApp.signInAs('councillor')
    expect((await testApp.app.inject({ method: 'GET', url: '/api/wards/list', headers: councillor.headers })).statusCode).toBe(403)
    expect((await testApp.app.inject({ method: 'GET', url: '/api/wards/list' })).statusCode).toBe(401)
  })

  it('refuses parameters it does not take', async () => {
    const session = await testApp.signInAs('admin')
    expect((await testApp.app.inject({ method: 'GET', url: '/api/wards/list?ward=E05014882', headers: session.headers })).statusCode).toBe(400)
  })
})
