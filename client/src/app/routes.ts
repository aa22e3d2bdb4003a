import type { Role } from '../shared/api'

/**
 * Pages by path. The server answers any non-/api GET with index.html, so a path typed or bookmarked by hand lands
 * here and is resolved against the signed-in user's role.
 */
export type PageId = 'map' | 'reports' | 'resident-reports' | 'tasks' | 'pops' | 'my-tasks' | 'meetings' | 'task-sheet' | 'evaluation' | 'cctv' | 'harm-weights' | 'admin-users' | 'admin-audit'

export interface PageInfo {
  path: string
  title: string
  roles: readonly Role[]
}

const STAFF: readonly Role[] = ['admin', 'analyst', 'inspector']
const EVERYONE: readonly Role[] = ['admin', 'analyst', 'inspector', 'councillor']
const ADMIN: readonly Role[] = ['admin']
/** Those who create and edit patrol tasks (the server's TASKERS). */
const TASKERS: readonly Role[] = ['admin', 'analyst', 'inspector']
/** Officers see their own tasks and record visits; nothing else (docs/access.md). */
const OFFICER: readonly Role[] = ['officer']

export const PAGES: Record<PageId, PageInfo> = {
  map: { path: '/', title: 'Patrolmap — hotspot map', roles: STAFF },
  reports: { path: '/reports', title: 'Patrolmap — ward reports', roles: EVERYONE },
  // The resident reports' moderation queue: those who handle reports (the server's REPORT_HANDLERS). The public form
  // and receipts (/report, /report/receipt/…) are outside the signed-in app (Root.tsx).
  'resident-reports': { path: '/resident-reports', title: 'Patrolmap — resident reports', roles: TASKERS },
  tasks: { path: '/tasks', title: 'Patrolmap — tasks', roles: TASKERS },
  pops: { path: '/pops', title: 'Patrolmap — POP register', roles: TASKERS },
  'my-tasks': { path: '/my-tasks', title: 'Patrolmap — my tasks', roles: OFFICER },
  meetings: { path: '/meetings', title: 'Patrolmap — JAG meetings', roles: TASKERS },
  // A team's printable task sheet: the taskers, and officers for their own team (the server checks the team).
  'task-sheet': { path: '/task-sheet', title: 'Patrolmap — task sheet', roles: [...TASKERS, 'officer'] },
  evaluation: { path: '/evaluation', title: 'Patrolmap — did it work', roles: STAFF },
  // Inspectors read the weights their harm analyses use; only analysts and admins may change them (the server's rule).
  // The CCTV register and its coverage: staff read it; analysts and admins edit (the server's rule).
  cctv: { path: '/cctv', title: 'Patrolmap — CCTV', roles: STAFF },
  'harm-weights': { path: '/harm-weights', title: 'Patrolmap — harm weights', roles: STAFF },
  'admin-users': { path: '/admin/users', title: 'Patrolmap — users', roles: ADMIN },
  'admin-audit': { path: '/admin/audit', title: 'Patrolmap — audit log', roles: ADMIN },
}

/** The page a path names, ignoring a trailing slash; `/admin` is the first admin page. Null for anything else. */
export function pageOfPath(pathname: string): PageId | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname
  if (path === '' || path === '/' || path === '/index.html') return 'map'
  if (path === '/admin') return 'admin-users'
  for (const [id, info] of Object.entries(PAGES) as [PageId, PageInfo][]) {
    if (info.path === path) return id
  }
  return null
}

export function canSee(role: Role, page: PageId): boolean {
  return PAGES[page].roles.includes(role)
}

/** Staff start on the map; officers on their tasks; councillors, who may not see the map, on their ward reports. */
export function landingPage(role: Role): PageId {
  if (canSee(role, 'map')) return 'map'
  return canSee(role, 'my-tasks') ? 'my-tasks' : 'reports'
}

export type RouteResolution =
  | { kind: 'page'; page: PageId }
  /** The path is a page this role may not see (or an alias): go to `to` instead, replacing the history entry. */
  | { kind: 'redirect'; to: string; page: PageId; keepQuery: boolean }
  | { kind: 'not-found' }

export function resolveRoute(pathname: string, role: Role): RouteResolution {
  const page = pageOfPath(pathname)
  if (page === null) return { kind: 'not-found' }
  if (!canSee(role, page)) {
    const landing = landingPage(role)
    return { kind: 'redirect', to: PAGES[landing].path, page: landing, keepQuery: false }
  }
  // An alias of the page (a trailing slash, /admin): same page, so its query (the map's view) is kept.
  if (pathname !== PAGES[page].path) return { kind: 'redirect', to: PAGES[page].path, page, keepQuery: true }
  return { kind: 'page', page }
}

export type NavId = 'map' | 'reports' | 'resident-reports' | 'tasks' | 'pops' | 'my-tasks' | 'meetings' | 'evaluation' | 'cctv' | 'harm-weights' | 'admin'

export interface NavEntry {
  id: NavId
  label: string
  path: string
  testId: string
  /** The pages under this entry, for marking it current. */
  pages: readonly PageId[]
}

const NAV: readonly NavEntry[] = [
  { id: 'map', label: 'Map', path: PAGES.map.path, testId: 'nav-map', pages: ['map'] },
  { id: 'reports', label: 'Ward reports', path: PAGES.reports.path, testId: 'nav-reports', pages: ['reports'] },
  { id: 'resident-reports', label: 'Residents', path: PAGES['resident-reports'].path, testId: 'nav-resident-reports', pages: ['resident-reports'] },
  { id: 'tasks', label: 'Tasks', path: PAGES.tasks.path, testId: 'nav-tasks', pages: ['tasks'] },
  { id: 'pops', label: 'POPs', path: PAGES.pops.path, testId: 'nav-pops', pages: ['pops'] },
  { id: 'meetings', label: 'JAG', path: PAGES.meetings.path, testId: 'nav-meetings', pages: ['meetings'] },
  { id: 'evaluation', label: 'Did it work?', path: PAGES.evaluation.path, testId: 'nav-evaluation', pages: ['evaluation'] },
  { id: 'cctv', label: 'CCTV', path: PAGES.cctv.path, testId: 'nav-cctv', pages: ['cctv'] },
  { id: 'my-tasks', label: 'My tasks', path: PAGES['my-tasks'].path, testId: 'nav-my-tasks', pages: ['my-tasks'] },
  { id: 'harm-weights', label: 'Harm weights', path: PAGES['harm-weights'].path, testId: 'nav-harm-weights', pages: ['harm-weights'] },
  { id: 'admin', label: 'Admin', path: PAGES['admin-users'].path, testId: 'nav-admin', pages: ['admin-users', 'admin-audit'] },
]

/** The navigation entries a role sees: exactly the pages it may open. */
export function navEntries(role: Role): NavEntry[] {
  return NAV.filter((entry) => entry.pages.some((page) => canSee(role, page)))
}

/** The sub-navigation of the Admin area. */
export const ADMIN_TABS: readonly { page: PageId; label: string; testId: string }[] = [
  { page: 'admin-users', label: 'Users', testId: 'nav-admin-users' },
  { page: 'admin-audit', label: 'Audit log', testId: 'nav-admin-audit' },
]
