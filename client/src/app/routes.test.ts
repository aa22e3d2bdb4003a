import { describe, expect, it } from 'vitest'
import type { Role } from '../shared/api'
import { canSee, landingPage, navEntries, PAGES, pageOfPath, resolveRoute, sectionTabs } from './routes'

describe('pageOfPath', () => {
  it('maps each path to its page, tolerating a trailing slash', () => {
    expect(pageOfPath('/')).toBe('map')
    expect(pageOfPath('/reports')).toBe('reports')
    expect(pageOfPath('/reports/')).toBe('reports')
    expect(pageOfPath('/harm-weights')).toBe('harm-weights')
    expect(pageOfPath('/harm-weights/')).toBe('harm-weights')
    expect(pageOfPath('/admin/users')).toBe('admin-users')
    expect(pageOfPath('/admin/audit')).toBe('admin-audit')
    expect(pageOfPath('/admin')).toBe('admin-users')
    expect(pageOfPath('/tasks')).toBe('tasks')
    expect(pageOfPath('/my-tasks')).toBe('my-tasks')
    expect(pageOfPath('/pops')).toBe('pops')
    expect(pageOfPath('/meetings')).toBe('meetings')
    expect(pageOfPath('/task-sheet')).toBe('task-sheet')
    expect(pageOfPath('/cctv')).toBe('cctv')
    expect(pageOfPath('/weekly-reports')).toBe('weekly-reports')
    expect(pageOfPath('/weekly-report')).toBe('weekly-report')
    expect(pageOfPath('/resident-reports')).toBe('resident-reports')
  })

  it('knows no other path', () => {
    expect(pageOfPath('/nowhere')).toBeNull()
    expect(pageOfPath('/admin/secrets')).toBeNull()
    expect(pageOfPath('/reportsx')).toBeNull()
    // The public form and receipts are not pages of the signed-in app (Root.tsx shows them to anyone).
    expect(pageOfPath('/report')).toBeNull()
    expect(pageOfPath('/harm-weights/edit')).toBeNull()
  })
})

describe('who sees what', () => {
  const table: [Role, string[], string][] = [
    ['admin', ['map', 'reports', 'resident-reports', 'tasks', 'pops', 'meetings', 'evaluation', 'cctv', 'data', 'admin'], 'map'],
    ['analyst', ['map', 'reports', 'resident-reports', 'tasks', 'pops', 'meetings', 'evaluation', 'cctv', 'data'], 'map'],
    ['inspector', ['map', 'reports', 'resident-reports', 'tasks', 'pops', 'meetings', 'evaluation', 'cctv', 'data'], 'map'],
    ['councillor', ['reports', 'cctv'], 'reports'],
    ['officer', ['my-tasks'], 'my-tasks'],
  ]

  it.each(table)('%s: navigation %j, lands on %s', (role, nav, landing) => {
    expect(navEntries(role).map((entry) => entry.id)).toEqual(nav)
    expect(landingPage(role)).toBe(landing)
  })

  it('keeps the map and admin pages from councillors, and admin pages from other staff', () => {
    expect(canSee('councillor', 'map')).toBe(false)
    expect(canSee('councillor', 'admin-audit')).toBe(false)
    expect(canSee('analyst', 'admin-users')).toBe(false)
    expect(canSee('inspector', 'admin-audit')).toBe(false)
    expect(canSee('admin', 'admin-audit')).toBe(true)
  })

  it('gives the JAG pages to taskers, and a task sheet (their own team\u2019s, the server checks) to officers', () => {
    for (const role of ['admin', 'analyst', 'inspector'] as const) expect(canSee(role, 'meetings')).toBe(true)
    expect(canSee('officer', 'meetings')).toBe(false)
    expect(canSee('councillor', 'meetings')).toBe(false)
    expect(canSee('officer', 'task-sheet')).toBe(true)
    expect(canSee('councillor', 'task-sheet')).toBe(false)
  })

  it('shows the CCTV page to staff (analysts and admins edit; the server checks) and to councillors (their wards’ coverage only), not to officers', () => {
    for (const role of ['admin', 'analyst', 'inspector', 'councillor'] as const) expect(canSee(role, 'cctv')).toBe(true)
    expect(canSee('officer', 'cctv')).toBe(false)
    expect(resolveRoute('/cctv', 'councillor')).toEqual({ kind: 'page', page: 'cctv' })
    expect(resolveRoute('/cctv', 'officer')).toEqual({ kind: 'redirect', to: '/my-tasks', page: 'my-tasks', keepQuery: false })
  })

  it('shows the harm weights to staff, who all analyse with them, and not to councillors', () => {
    expect(canSee('admin', 'harm-weights')).toBe(true)
    expect(canSee('analyst', 'harm-weights')).toBe(true)
    expect(canSee('inspector', 'harm-weights')).toBe(true)
    expect(canSee('councillor', 'harm-weights')).toBe(false)
    const entry = navEntries('inspector').find((item) => item.id === 'data')
    expect(entry).toMatchObject({ label: 'Data', path: '/time-patterns', testId: 'nav-data', pages: ['time-patterns', 'imports', 'harm-weights'] })
    expect(PAGES['harm-weights'].title).toBe('Patrolmap — harm weights')
  })

  it('gives each section the tabs a role may open, none where one page is left', () => {
    const tabs = (role: Role, page: Parameters<typeof sectionTabs>[1]) => sectionTabs(role, page).map((tab) => tab.page)
    expect(tabs('analyst', 'harm-weights')).toEqual(['time-patterns', 'imports', 'harm-weights'])
    expect(tabs('inspector', 'time-patterns')).toEqual(['time-patterns', 'harm-weights'])
    expect(tabs('councillor', 'reports')).toEqual(['reports', 'weekly-reports'])
    expect(tabs('councillor', 'weekly-report')).toEqual(['reports', 'weekly-reports'])
    expect(tabs('admin', 'admin-audit')).toEqual(['admin-users', 'admin-audit'])
    expect(tabs('analyst', 'tasks')).toEqual([])
  })
})

describe('resolveRoute', () => {
  it('opens a page the role may see', () => {
    expect(resolveRoute('/', 'analyst')).toEqual({ kind: 'page', page: 'map' })
    expect(resolveRoute('/reports', 'councillor')).toEqual({ kind: 'page', page: 'reports' })
    expect(resolveRoute('/admin/audit', 'admin')).toEqual({ kind: 'page', page: 'admin-audit' })
    expect(resolveRoute('/harm-weights', 'inspector')).toEqual({ kind: 'page', page: 'harm-weights' })
  })

  it('sends a councillor asking for the map or the harm weights to their ward reports', () => {
    expect(resolveRoute('/', 'councillor')).toEqual({ kind: 'redirect', to: '/reports', page: 'reports', keepQuery: false })
    expect(resolveRoute('/harm-weights', 'councillor')).toEqual({ kind: 'redirect', to: '/reports', page: 'reports', keepQuery: false })
  })

  it('sends staff asking for admin pages to the map', () => {
    expect(resolveRoute('/admin/users', 'inspector')).toEqual({ kind: 'redirect', to: '/', page: 'map', keepQuery: false })
    expect(resolveRoute('/admin', 'councillor')).toEqual({ kind: 'redirect', to: '/reports', page: 'reports', keepQuery: false })
  })

  it('rewrites aliases to the canonical path', () => {
    expect(resolveRoute('/admin', 'admin')).toEqual({ kind: 'redirect', to: '/admin/users', page: 'admin-users', keepQuery: true })
    expect(resolveRoute('/reports/', 'analyst')).toEqual({ kind: 'redirect', to: '/reports', page: 'reports', keepQuery: true })
    expect(resolveRoute('/harm-weights/', 'analyst')).toEqual({ kind: 'redirect', to: '/harm-weights', page: 'harm-weights', keepQuery: true })
    expect(resolveRoute('/index.html', 'analyst')).toEqual({ kind: 'redirect', to: '/', page: 'map', keepQuery: true })
  })

  it('sends an officer anywhere else to their tasks (the ward reports answer them 403)', () => {
    expect(resolveRoute('/', 'officer')).toEqual({ kind: 'redirect', to: '/my-tasks', page: 'my-tasks', keepQuery: false })
    expect(resolveRoute('/reports', 'officer')).toEqual({ kind: 'redirect', to: '/my-tasks', page: 'my-tasks', keepQuery: false })
    expect(resolveRoute('/tasks', 'officer')).toEqual({ kind: 'redirect', to: '/my-tasks', page: 'my-tasks', keepQuery: false })
    expect(resolveRoute('/my-tasks', 'officer')).toEqual({ kind: 'page', page: 'my-tasks' })
  })

  it('reports unknown paths as not found', () => {
    expect(resolveRoute('/nope', 'admin')).toEqual({ kind: 'not-found' })
  })
})
