// What every API route shares: parameters validated and refused by name in plain words, hostile text never a 500,
// no-store on every answer, JSON 404s, and the OpenAPI document listing every route.
import { describe, expect, it } from 'vitest'
import { useThreeMonths } from '../support/three-months.js'

const { state, get, json, sql } = useThreeMonths()
const ASB = 'Anti-social behaviour'

describe('parameter validation', () => {
  it.each([
    ['/api/hexes?res=5', 'res'],
    ['/api/hexes?res=11', 'res'],
    ['/api/hexes?res=eight', 'res'],
    ['/api/hexes?res=8&week=2024-01-02', 'week'],
    ['/api/hexes?from=2024-13', 'from'],
    ['/api/hexes?to=24-01', 'to'],
    ['/api/hexes?from=2024-03&to=2024-01', 'from'],
    ['/api/hexes?categories=Littering', 'categories'],
    ['/api/hexes?ward=E05999999', 'ward'],
    ['/api/hexes?ward=nowhere', 'ward'],
    ['/api/hexes?colour=red', 'colour'],
    ['/api/summary?from=2024', 'from'],
    ['/api/summary?categories=Burglary,Nonsense', 'categories'],
    ['/api/summary?ward=E0501', 'ward'],
    ['/api/wards?ward=E05014882', 'ward'],
    ['/api/wards?to=2024-00', 'to'],
    ['/api/incidents?limit=0', 'limit'],
    ['/api/incidents?limit=100000', 'limit'],
    ['/api/incidents?cursor=abc', 'cursor'],
    ['/api/incidents?bbox=1,2,3', 'bbox'],
    ['/api/incidents?bbox=-1,55,-2,54', 'bbox'],
    ['/api/incidents?bbox=-200,54,-1,55', 'bbox'],
    ['/api/councils?x=1', 'x'],
    ['/api/health?verbose=1', 'verbose'],
    // Once 500s: year 0000, a period whose previous period starts before year 1, Infinity, a NUL byte.
    ['/api/hexes?from=0000-01', 'from'],
    ['/api/summary?to=0000-12', 'to'],
    ['/api/hexes?from=1899-12', 'from'],
    ['/api/hexes?to=2200-01', 'to'],
    ['/api/hotspots/top-wards?from=0001-01&to=0001-02', 'from'],
    ['/api/hexes?res=Infinity', 'res'],
    ['/api/incidents?limit=1e309', 'limit'],
    [`/api/hotspots/problem-locations?halfLife=${'9'.repeat(400)}`, 'halfLife'],
    ['/api/incidents?categories=Burglary%00', 'categories'],
    ['/api/harm-weights?foo=bar', 'foo'],
    ['/api/cctv/activity?from=2024-13', 'from'],
    ['/api/cctv/activity?from=2024-04&to=2024-03', 'to'],
  ])('%s → 400 naming %s', async (url, parameter) => {
    const response = await get(url)
    expect(response.statusCode).toBe(400)
    expect(response.json().message).toContain(parameter)
  })

  it.each([
    ['/api/hexes?from=0000-01', 'querystring/from must be a month, YYYY-MM, from 1900-01 to 2199-12'],
    ['/api/hexes?ward=nowhere', 'querystring/ward must be an ONS code: a letter E, W, S or N and 8 digits, e.g. E05014882'],
    ['/api/audit?from=2024-1-1', 'querystring/from must be a day, YYYY-MM-DD, from 1900-01-01 to 2199-12-31'],
  ])('%s says what the value must be in words, not as a pattern', async (url, message) => {
    const response = await state.testApp.app.inject({ method: 'GET', url, headers: (await state.testApp.signInAs('admin')).headers })
    expect(response.statusCode).toBe(400)
    expect(response.json().message).toBe(message)
  })

  const hostile = ["'; DROP TABLE incidents; --", "' OR '1'='1", '%00', '\\x00', 'a'.repeat(5000), '${1}', '<script>alert(1)</script>']
  const parameters = ['from', 'to', 'categories', 'ward', 'res', 'bbox', 'cursor', 'limit']
  it.each(hostile)('never answers 500 to hostile text %#', async (value) => {
    for (const route of ['/api/hexes', '/api/summary', '/api/wards', '/api/wards/list', '/api/incidents']) {
      for (const parameter of parameters) {
        const response = await get(`${route}?${parameter}=${encodeURIComponent(value)}`)
        expect(response.statusCode, `${route} ${parameter}`).toBe(400)
      }
    }
    const [still] = await sql('SELECT count(*)::int AS n FROM incidents')
    expect(still.n).toBeGreaterThan(0)
  })

  it('refuses an unknown query parameter on a write route that declares none', async () => {
    const response = await state.testApp.app.inject({
      method: 'PUT',
      url: '/api/harm-weights?foo=bar',
      payload: { weights: [{ category: ASB, weight: 1 }] },
      headers: state.analyst.headers,
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().message).toBe('querystring/foo is not a known parameter')
  })

  it('refuses a NUL byte or Infinity in a body by name: the public sign-in too', async () => {
    const login = await state.testApp.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a\u0000@test.local', password: 'whatever it is' } })
    expect(login.statusCode).toBe(400)
    expect(login.json().message).toBe('body/email must not contain control characters')
    const weights = await state.testApp.app.inject({
      method: 'PUT',
      url: '/api/harm-weights',
      payload: { weights: [{ category: ASB, weight: 'Infinity' }] },
      headers: state.analyst.headers,
    })
    expect(weights.statusCode).toBe(400)
    expect(weights.json().message).toBe('body/weights/0/weight must be a finite number')
  })

  it('marks every API answer no-store, errors and public routes included', async () => {
    for (const response of [await get('/api/summary'), await get('/api/hexes?res=5'), await state.testApp.app.inject({ url: '/api/health' }), await get('/api/nothing-here')]) {
      expect(response.headers['cache-control']).toBe('no-store')
    }
  })

  it('answers 404 with JSON for an unknown API route', async () => {
    const response = await get('/api/nothing-here')
    expect(response.statusCode).toBe(404)
    expect(response.json().message).toContain('/api/nothing-here')
  })
})

describe('GET /docs', () => {
  it('serves the OpenAPI document listing every route', async () => {
    const spec = await json('/docs/json')
    expect(Object.keys(spec.paths).sort()).toEqual(
      [
        '/api/config', '/api/councils', '/api/health', '/api/hexes', '/api/hexes/weeks', '/api/hexes/{cell}/detail', '/api/incidents', '/api/summary', '/api/wards', '/api/wards/list',
        '/api/auth/login', '/api/auth/logout', '/api/auth/session', '/api/auth/password',
        '/api/users', '/api/users/{id}', '/api/users/{id}/password', '/api/audit', '/api/ward-reports',
        '/api/hotspots/gistar', '/api/hotspots/emerging', '/api/hotspots/problem-locations', '/api/hotspots/concentration',
        '/api/hotspots/forecast-accuracy', '/api/hotspots/top-wards', '/api/harm-weights',
        '/api/teams', '/api/teams/{id}', '/api/tasks', '/api/tasks/officers', '/api/tasks/{id}', '/api/tasks/{id}/status', '/api/tasks/{id}/visits',
        '/api/pops', '/api/pops/{id}', '/api/pops/from-ward', '/api/pops/{id}/close', '/api/pops/{id}/log',
        '/api/meetings', '/api/meetings/{id}', '/api/meetings/{id}/agenda', '/api/meetings/{id}/minutes', '/api/meetings/{id}/task-sheets', '/api/meetings/{id}/task-sheets.pdf',
        '/api/evaluation/tasks/{id}', '/api/evaluation/partnership',
        '/api/import-profiles', '/api/import-profiles/{name}', '/api/imports/preview', '/api/imports/mapped', '/api/time-patterns/demand', '/api/time-patterns/sources', '/api/time-patterns/key-times', '/api/repeat-locations',
        '/api/cctv/cameras', '/api/cctv/cameras/{id}', '/api/cctv/cameras/{id}/move', '/api/cctv/cameras/{id}/retire', '/api/cctv/cameras/{id}/redeploy',
        '/api/cctv/cameras/{id}/activity/{month}', '/api/cctv/activity', '/api/cctv/activity/import', '/api/cctv/import', '/api/cctv/buildings', '/api/cctv/defaults',
        '/api/cctv/coverage', '/api/cctv/gaps', '/api/cctv/placement',
        '/api/weekly-reports', '/api/weekly-reports/{ward}/{period}', '/api/weekly-reports/{ward}/{period}/report.csv', '/api/weekly-reports/{ward}/{period}/report.pdf',
        '/api/ward-contacts', '/api/ward-contacts/{ward}/{kind}', '/api/weekly-report-emails', '/api/weekly-report-emails/{id}/retry',
        '/api/reports/form', '/api/reports/wards', '/api/reports', '/api/reports/receipt/{code}', '/api/reports/receipt/{code}/messages', '/api/reports/poster',
        '/api/reports/{id}', '/api/reports/{id}/photos/{ordinal}', '/api/reports/{id}/accept', '/api/reports/{id}/merge', '/api/reports/{id}/reject',
        '/api/reports/{id}/withdraw', '/api/reports/{id}/correct', '/api/reports/{id}/messages',
      ].sort(),
    )
    expect((await get('/docs')).statusCode).toBeLessThan(400)
  })
})
