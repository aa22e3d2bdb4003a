// The partnership's teams (issue 13): seeded, kept by admins, retired rather than deleted, every change audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'
import type { Team } from './schemas.js'

let testApp: TestApp
let admin: SignedIn
let inspector: SignedIn

const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows
const call = (method: 'GET' | 'POST' | 'PATCH', url: string, who: SignedIn, payload?: unknown) =>
  testApp.app.inject({ method, url, headers: who.headers, payload: payload as object | undefined })

beforeAll(async () => {
  testApp = await startTestApp()
  admin = await testApp.signInAs('admin')
  inspector = await testApp.signInAs('inspector')
})
afterAll(() => testApp.close())

describe('teams', () => {
  it('start with the usual JAG partners, and every role that sees tasks reads them', async () => {
    const response = await call('GET', '/api/teams', inspector)
    expect(response.statusCode).toBe(200)
    const teams: Team[] = response.json().items
    expect(teams.map((team) => [team.name, team.agency])).toEqual([
      ['Council enforcement', 'council'],
      ['Fire and rescue', 'fire'],
      ['Housing provider', 'housing'],
      ['Police neighbourhood team', 'police'],
      ['Youth service', 'youth'],
    ])
    expect(teams.every((team) => !team.retired)).toBe(true)
  })

  it('are added and edited by admins only, names unique whatever their case, each change audited', async () => {
    expect((await call('POST', '/api/teams', inspector, { name: 'Mine', agency: 'police' })).statusCode).toBe(403)
    const created = await call('POST', '/api/teams', admin, { name: ' Stockton Town NPT ', agency: 'police' })
    expect(created.statusCode).toBe(201)
    const team: Team = created.json()
    expect(team).toMatchObject({ name: 'Stockton Town NPT', agency: 'police', retired: false })
    expect((await call('POST', '/api/teams', admin, { name: 'stockton town npt', agency: 'council' })).statusCode).toBe(409)
    expect((await call('POST', '/api/teams', admin, { name: 'X', agency: 'army' })).statusCode).toBe(400)

    const renamed = await call('PATCH', `/api/teams/${team.id}`, admin, { name: 'Stockton Town Centre NPT' })
    expect(renamed.json()).toMatchObject({ id: team.id, name: 'Stockton Town Centre NPT' })
    const clash = await call('PATCH', `/api/teams/${team.id}`, admin, { name: 'Youth Service' })
    expect(clash.statusCode).toBe(409)
    expect(clash.json().message).toBe('name: a team is already called "Youth Service"')
    expect((await call('PATCH', '/api/teams/999999', admin, { retired: true })).statusCode).toBe(404)

    const retired = await call('PATCH', `/api/teams/${team.id}`, admin, { retired: true })
    expect(retired.json().retired).toBe(true)
    const listed: Team[] = (await call('GET', '/api/teams', admin)).json().items
    expect(listed.at(-1)).toMatchObject({ id: team.id, retired: true })

    const entries = await sql(`SELECT action, actor_email, before, after FROM audit_log WHERE target = $1 ORDER BY id`, [`team:${team.id}`])
    expect(entries).toEqual([
      { action: 'team.create', actor_email: 'admin@test.local', before: null, after: { name: 'Stockton Town NPT', agency: 'police', retired: false } },
      {
        action: 'team.update',
        actor_email: 'admin@test.local',
        before: { name: 'Stockton Town NPT', agency: 'police', retired: false },
        after: { name: 'Stockton Town Centre NPT', agency: 'police', retired: false },
      },
      {
        action: 'team.update',
        actor_email: 'admin@test.local',
        before: { name: 'Stockton Town Centre NPT', agency: 'police', retired: false },
        after: { name: 'Stockton Town Centre NPT', agency: 'police', retired: true },
      },
    ])
  })

  it('are given to users by admins: not an unknown or retired team, and the change is audited', async () => {
    const officer = await call('POST', '/api/users', admin, { email: 'pcso@test.local', name: 'PCSO One', role: 'officer', password: 'a long first password', teamId: 1 })
    expect(officer.statusCode, officer.body).toBe(201)
    expect(officer.json().team).toEqual({ id: 1, name: 'Police neighbourhood team' })
    const id = officer.json().id
    const [retired] = await sql(`SELECT id::int FROM teams WHERE retired`)
    const refused = await call('PATCH', `/api/users/${id}`, admin, { teamId: retired.id })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().message).toBe(`teamId: team ${retired.id} is retired`)
    expect((await call('PATCH', `/api/users/${id}`, admin, { teamId: 999999 })).json().message).toBe('teamId: no team has the id 999999')
    const moved = await call('PATCH', `/api/users/${id}`, admin, { teamId: 2 })
    expect(moved.json().team).toEqual({ id: 2, name: 'Council enforcement' })
    const cleared = await call('PATCH', `/api/users/${id}`, admin, { teamId: null })
    expect(cleared.json().team).toBeNull()
    const [entry] = await sql(`SELECT before, after FROM audit_log WHERE action = 'user.update' AND target = $1 ORDER BY id LIMIT 1`, [`user:${id}`])
    expect([entry.before.teamId, entry.after.teamId]).toEqual([1, 2])
  })
})
