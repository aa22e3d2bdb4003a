import { followLink } from '../../app/navigation'
import { ADMIN_TABS, PAGES, type PageId } from '../../app/routes'

export function AdminTabs({ current }: { current: PageId }) {
  return (
    <nav className="admin-tabs no-print" aria-label="Admin">
      <ul>
        {ADMIN_TABS.map((tab) => (
          <li key={tab.page}>
            <a href={PAGES[tab.page].path} data-testid={tab.testId} aria-current={tab.page === current ? 'page' : undefined} onClick={followLink}>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
