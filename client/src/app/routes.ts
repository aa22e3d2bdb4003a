import type { Role } from '../shared/api'

/**
 * Pages by path. The server answers any non-/api GET with index.html, so a path typed or bookmarked by hand lands
 * here and is resolved against the signed-in user's role.
 */
export type PageId = 'map' | 'reports' | 'weekly-reports' | 'weekly-report' | 'resident-reports' | 'tasks' | 'pops' | 'my-tasks' | 'meetings' | 'task-sheet' | 'evaluation' | 'time-patterns' | 'cctv' | 'imports' | 'harm-weights' | 'admin-users' | 'admin-audit'

export interface PageInfo {
  path: string
  title: string
  roles: readonly Role[]
}

const STAFF: readonly Role[] = ['admin', 'analyst', 'inspector']
const EVERYONE: readonly Role[] = ['admin', 'analyst', 'inspector', 'councillor']
const ADMIN: readonly Role[] = ['admin']
const ANALYSTS: readonly Role[] = ['admin', 'analyst']
/** Those who create and edit patrol tasks (the server's TASKERS). */
const TASKERS: readonly Role[] = ['admin', 'analyst', 'inspector']
/** Officers see their own tasks and record visits; nothing else (docs/access.md). */
const OFFICER: readonly Role[] = ['officer']

export const PAGES: Record<PageId, PageInfo> = {
  map: { path: '/', title: 'Patrolmap — hotspot map', roles: STAFF },
  reports: { path: '/reports', title: 'Patrolmap — ward reports', roles: EVERYONE },
  // The published weekly reports (councillors: their wards, the server's rule) and one report's A4 print page.
  'weekly-reports': { path: '/weekly-reports', title: 'Patrolmap — weekly reports', roles: EVERYONE },
  'weekly-report': { path: '/weekly-report', title: 'Patrolmap — weekly report', roles: EVERYONE },
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
  'time-patterns': { path: '/time-patterns', title: 'Patrolmap — time patterns', roles: STAFF },
  // Inspectors read the weights their harm analyses use; only analysts and admins may change them (the server's rule).
  // The CCTV register and its coverage: staff read it; analysts and admins edit (the server's rule). Councillors get
  // the coverage of their own wards only, read-only, with no map or cameras (Root.tsx, CouncillorCoveragePage).
  cctv: { path: '/cctv', title: 'Patrolmap — CCTV', roles: EVERYONE },
  // Timed logs through a column mapping: analysts and admins (the server's ANALYSTS), as the import routes allow.
  imports: { path: '/imports', title: 'Patrolmap — import a log', roles: ANALYSTS },
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

export type NavId = 'map' | 'reports' | 'resident-reports' | 'tasks' | 'pops' | 'my-tasks' | 'meetings' | 'evaluation' | 'cctv' | 'data' | 'admin'

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
  { id: 'reports', label: 'Ward reports', path: PAGES.reports.path, testId: 'nav-reports', pages: ['reports', 'weekly-reports', 'weekly-report'] },
  { id: 'resident-reports', label: 'Residents', path: PAGES['resident-reports'].path, testId: 'nav-resident-reports', pages: ['resident-reports'] },
  { id: 'tasks', label: 'Tasks', path: PAGES.tasks.path, testId: 'nav-tasks', pages: ['tasks'] },
  { id: 'pops', label: 'POPs', path: PAGES.pops.path, testId: 'nav-pops', pages: ['pops'] },
  { id: 'meetings', label: 'JAG', path: PAGES.meetings.path, testId: 'nav-meetings', pages: ['meetings'] },
  { id: 'evaluation', label: 'Did it work?', path: PAGES.evaluation.path, testId: 'nav-evaluation', pages: ['evaluation'] },
  { id: 'cctv', label: 'CCTV', path: PAGES.cctv.path, testId: 'nav-cctv', pages: ['cctv'] },
  { id: 'my-tasks', label: 'My tasks', path: PAGES['my-tasks'].path, testId: 'nav-my-tasks', pages: ['my-tasks'] },
  // What the analyses read: when incidents happen, the logs brought in, and the harm weights (every staff role opens
  // the time patterns, its first tab).
  { id: 'data', label: 'Data', path: PAGES['time-patterns'].path, testId: 'nav-data', pages: ['time-patterns', 'imports', 'harm-weights'] },
  { id: 'admin', label: 'Admin', path: PAGES['admin-users'].path, testId: 'nav-admin', pages: ['admin-users', 'admin-audit'] },
]

/** The navigation entries a role sees: exactly the pages it may open. */
export function navEntries(role: Role): NavEntry[] {
  return NAV.filter((entry) => entry.pages.some((page) => canSee(role, page)))
}

export interface SectionTab {
  page: PageId
  label: string
  testId: string
}

/**
 * The sub-navigation of the entries that hold several pages: the top bar keeps one entry each, so it fits a laptop
 * screen on one line with every role's entries.
 */
const SECTION_TABS: Partial<Record<NavId, readonly SectionTab[]>> = {
  reports: [
    { page: 'reports', label: 'Ward reports', testId: 'nav-ward-reports' },
    { page: 'weekly-reports', label: 'Weekly reports', testId: 'nav-weekly-reports' },
  ],
  data: [
    { page: 'time-patterns', label: 'Time patterns', testId: 'nav-time-patterns' },
    { page: 'imports', label: 'Import a log', testId: 'nav-imports' },
    { page: 'harm-weights', label: 'Harm weights', testId: 'nav-harm-weights' },
  ],
  admin: [
    { page: 'admin-users', label: 'Users', testId: 'nav-admin-users' },
    { page: 'admin-audit', label: 'Audit log', testId: 'nav-admin-audit' },
  ],
}

/** The tabs of the section a page is in that a role may open; none when the section has one page for it. */
export function sectionTabs(role: Role, page: PageId): SectionTab[] {
  const entry = NAV.find((candidate) => candidate.pages.includes(page))
  const tabs = (entry && SECTION_TABS[entry.id]?.filter((tab) => canSee(role, tab.page))) ?? []
  return tabs.length > 1 ? tabs : []
}
