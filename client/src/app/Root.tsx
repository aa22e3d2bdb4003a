import './app.css'
import { useQueryClient } from '@tanstack/react-query'
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, apiRequest, errorMessage, logoutUrl, sessionUrl, setCsrfToken, setSessionListener, type SessionAnswer, type User } from '../shared/api'
import { navigate, usePathname } from './navigation'
import { landingPage, PAGES, resolveRoute, type PageId } from './routes'
import { AdminUsersPage } from '../features/admin/AdminUsersPage'
import { AuditLogPage } from '../features/admin/AuditLogPage'
import { HarmWeightsPage } from '../features/harm-weights/HarmWeightsPage'
import { LoginPage } from '../features/auth/LoginPage'
import { ForcedPasswordChange } from '../features/auth/ForcedPasswordChange'
import { LoadingState } from '../shared/States'
import { TopBar } from './TopBar'
import { WardReportsPage } from '../features/ward-reports/WardReportsPage'
import { MyTasksPage } from '../features/tasks/MyTasksPage'
import { TasksPage } from '../features/tasks/TasksPage'
import { PopsPage } from '../features/pops/PopsPage'
import { MeetingsPage } from '../features/meetings/MeetingsPage'
import { TaskSheetPage } from '../features/meetings/TaskSheetPage'
import { WeeklyReportPage } from '../features/weekly-reports/WeeklyReportPage'
import { WeeklyReportsPage } from '../features/weekly-reports/WeeklyReportsPage'
import { isPublicReportPath } from '../features/resident-reports/reports-api'
import { SectionTabs } from './SectionTabs'

// The map pulls in MapLibre and deck.gl; a councillor, who never sees it, never downloads it either.
const PartnershipPage = lazy(() => import('../features/evaluation/PartnershipPage').then((module) => ({ default: module.PartnershipPage })))
const MapApp = lazy(() => import('../features/map/MapPage').then((module) => ({ default: module.MapPage })))
const TimePatternsPage = lazy(() => import('../features/time-patterns/TimePatternsPage').then((module) => ({ default: module.TimePatternsPage })))
const ImportPage = lazy(() => import('../features/imports/ImportPage').then((module) => ({ default: module.ImportPage })))
const CctvPage = lazy(() => import('../features/cctv/CctvPage').then((module) => ({ default: module.CctvPage })))
const CouncillorCoveragePage = lazy(() => import('../features/cctv/CouncillorCoveragePage').then((module) => ({ default: module.CouncillorCoveragePage })))

// The public report form and receipts: for residents, with no sign-in and none of the staff's app.
const PublicReportApp = lazy(() => import('../features/resident-reports/PublicReportApp').then((module) => ({ default: module.PublicReportApp })))
const ModerationPage = lazy(() => import('../features/resident-reports/ModerationPage').then((module) => ({ default: module.ModerationPage })))

export const SESSION_ENDED = 'Your session has ended; sign in again.'
const SIGNED_OUT = 'You have signed out.'

type SessionState =
  | { status: 'checking' }
  | { status: 'unreachable'; message: string }
  | { status: 'signed-out'; notice: string | null }
  | { status: 'signed-in'; user: User }

/** The public report pages for anyone; otherwise the staff's app behind its sign-in. */
export function Root() {
  const pathname = usePathname()
  if (isPublicReportPath(pathname)) {
    return (
      <Suspense fallback={<LoadingState label="Loading…" />}>
        <PublicReportApp pathname={pathname} />
      </Suspense>
    )
  }
  return <StaffRoot />
}

/** Asks the server who is signed in, and shows the sign-in page, the forced password change or the app. */
function StaffRoot() {
  const [session, setSession] = useState<SessionState>({ status: 'checking' })
  const [checkToken, setCheckToken] = useState(0)
  const recheck = useCallback(() => setCheckToken((token) => token + 1), [])
  // Answers depend on who asks (a councillor's wards, what a role may see): no one sees answers cached for another.
  const queryClient = useQueryClient()
  const signedInAs = useRef<number | null>(null)
  const signedInId = session.status === 'signed-in' ? session.user.id : null
  useEffect(() => {
    signedInAs.current = signedInId
  }, [signedInId])

  useEffect(() => {
    const controller = new AbortController()
    apiRequest<SessionAnswer>(sessionUrl, { signal: controller.signal, handlesUnauthorized: true }).then(
      (answer) => {
        setCsrfToken(answer.csrfToken)
        setSession({ status: 'signed-in', user: answer.user })
      },
      (error: unknown) => {
        if (controller.signal.aborted) return
        if (error instanceof ApiError && error.status === 401) {
          setCsrfToken(null)
          setSession((previous) =>
            previous.status === 'signed-out' ? previous : { status: 'signed-out', notice: previous.status === 'signed-in' ? SESSION_ENDED : null },
          )
        } else {
          setSession({ status: 'unreachable', message: errorMessage(error) })
        }
      },
    )
    return () => controller.abort()
  }, [checkToken])

  useEffect(() => {
    setSessionListener({
      onSessionEnded: () => {
        setCsrfToken(null)
        queryClient.clear()
        setSession((previous) => (previous.status === 'signed-in' ? { status: 'signed-out', notice: SESSION_ENDED } : previous))
      },
      onPasswordChangeRequired: recheck,
      // Possibly someone else now (signed in again in another tab): this tab follows the shared cookie.
      onSessionRenewed: (answer) => {
        // The pages on screen ask again, as the new user.
        if (signedInAs.current !== null && signedInAs.current !== answer.user.id) void queryClient.resetQueries()
        setSession({ status: 'signed-in', user: answer.user })
      },
    })
    return () => setSessionListener(null)
  }, [recheck, queryClient])

  const signOut = useCallback(async () => {
    try {
      await apiRequest(logoutUrl, { method: 'POST', handlesUnauthorized: true })
    } catch {
      // Already signed out (or the server is away): either way this browser forgets the session.
    }
    setCsrfToken(null)
    queryClient.clear()
    setSession({ status: 'signed-out', notice: SIGNED_OUT })
  }, [queryClient])

  switch (session.status) {
    case 'checking':
      return (
        <main className="auth-page">
          <LoadingState label="Checking your sign-in…" />
        </main>
      )
    case 'unreachable':
      return (
        <main className="auth-page">
          <div className="state state-error" role="alert" data-testid="error">
            <span>
              <strong>Could not reach Patrolmap.</strong> {session.message}
            </span>
            <button type="button" onClick={recheck}>
              Retry
            </button>
          </div>
        </main>
      )
    case 'signed-out':
      return (
        <LoginPage
          notice={session.notice}
          onSignedIn={(answer) => {
            setCsrfToken(answer.csrfToken)
            queryClient.clear()
            setSession({ status: 'signed-in', user: answer.user })
          }}
        />
      )
    case 'signed-in':
      if (session.user.mustChangePassword) {
        return <ForcedPasswordChange user={session.user} onChanged={recheck} onSignOut={signOut} />
      }
      return <Shell user={session.user} onSignOut={signOut} />
  }
}

function Shell({ user, onSignOut }: { user: User; onSignOut(): void }) {
  const pathname = usePathname()
  const route = resolveRoute(pathname, user.role)
  const page: PageId | null = route.kind === 'not-found' ? null : route.page
  const mainRef = useRef<HTMLElement>(null)
  const redirectTo = route.kind === 'redirect' ? route.to : null
  const keepQuery = route.kind === 'redirect' && route.keepQuery

  useEffect(() => {
    if (redirectTo === null) return
    const { search, hash } = window.location
    navigate(`${redirectTo}${keepQuery ? `${search}${hash}` : ''}`, { replace: true })
  }, [redirectTo, keepQuery])

  useEffect(() => {
    document.title = page ? PAGES[page].title : 'Patrolmap — page not found'
  }, [page])

  // After moving to another page, start keyboard and screen-reader users at its top, as a page load would; the page
  // the shell opens on (and a redirect's alias of it) keeps the focus where the browser put it.
  const focusedPage = useRef(page)
  useEffect(() => {
    if (page === focusedPage.current) return
    focusedPage.current = page
    mainRef.current?.focus({ preventScroll: true })
  }, [page])

  return (
    <div className="shell">
      <TopBar user={user} page={page} onSignOut={onSignOut} />
      <main id="main" ref={mainRef} tabIndex={-1} className={`page page-${page ?? 'not-found'}`} data-testid={`page-${page ?? 'not-found'}`}>
        {page !== null && page !== 'map' && page !== 'weekly-report' && !page.startsWith('admin-') && (
          <div className="section-tabs-bar">
            <SectionTabs role={user.role} page={page} />
          </div>
        )}
        {page === 'map' && (
          <Suspense fallback={<LoadingState label="Loading the map…" />}>
            <MapApp />
          </Suspense>
        )}
        {page === 'reports' && <WardReportsPage user={user} />}
        {page === 'weekly-reports' && <WeeklyReportsPage user={user} />}
        {page === 'weekly-report' && <WeeklyReportPage />}
        {page === 'resident-reports' && (
          <Suspense fallback={<LoadingState label="Loading…" />}>
            <ModerationPage />
          </Suspense>
        )}
        {page === 'tasks' && <TasksPage />}
        {page === 'pops' && <PopsPage />}
        {page === 'my-tasks' && <MyTasksPage />}
        {page === 'meetings' && <MeetingsPage />}
        {page === 'task-sheet' && <TaskSheetPage />}
        {page === 'evaluation' && (
          <Suspense fallback={<LoadingState label="Loading…" />}>
            <PartnershipPage />
          </Suspense>
        )}
        {page === 'time-patterns' && (
          <Suspense fallback={<LoadingState label="Loading…" />}>
            <TimePatternsPage />
          </Suspense>
        )}
        {page === 'cctv' && (
          <Suspense fallback={<LoadingState label="Loading the CCTV page…" />}>
            {user.role === 'councillor' ? <CouncillorCoveragePage /> : <CctvPage user={user} />}
          </Suspense>
        )}
        {page === 'imports' && (
          <Suspense fallback={<LoadingState label="Loading…" />}>
            <ImportPage />
          </Suspense>
        )}
        {page === 'harm-weights' && <HarmWeightsPage user={user} />}
        {page === 'admin-users' && <AdminUsersPage user={user} />}
        {page === 'admin-audit' && <AuditLogPage />}
        {page === null && <NotFound role={user.role} />}
      </main>
    </div>
  )
}

function NotFound({ role }: { role: User['role'] }) {
  const landing = PAGES[landingPage(role)]
  return (
    <div className="content">
      <h1>Page not found</h1>
      <p>
        There is no page at this address.{' '}
        <a
          href={landing.path}
          onClick={(event) => {
            event.preventDefault()
            navigate(landing.path)
          }}
        >
          Go to your start page
        </a>
        .
      </p>
    </div>
  )
}
