import type { User } from '../shared/api'
import { followLink, lastQueryOf } from './navigation'
import { navEntries, type PageId } from './routes'
import { UserMenu } from '../features/auth/UserMenu'

interface TopBarProps {
  user: User
  page: PageId | null
  onSignOut(): void
}

export function TopBar({ user, page, onSignOut }: TopBarProps) {
  return (
    <header className="topbar">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <span className="brand">Patrolmap</span>
      <nav className="main-nav" aria-label="Main">
        <ul>
          {navEntries(user.role).map((entry) => {
            const current = page !== null && entry.pages.includes(page)
            // The map link returns to the view the user left, as its address carries the view.
            const href = entry.id === 'map' ? `${entry.path}${lastQueryOf(entry.path)}` : entry.path
            return (
              <li key={entry.id}>
                <a href={href} data-testid={entry.testId} aria-current={current ? 'page' : undefined} onClick={followLink}>
                  {entry.label}
                </a>
              </li>
            )
          })}
        </ul>
      </nav>
      <UserMenu user={user} onSignOut={onSignOut} />
    </header>
  )
}
