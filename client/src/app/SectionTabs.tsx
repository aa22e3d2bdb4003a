import { followLink } from './navigation'
import { PAGES, sectionTabs, type PageId } from './routes'
import type { Role } from '../shared/api'

/** A section's pages as tabs (routes.ts's SECTION_TABS): Ward reports, Data, Admin. Nothing when the role has one. */
export function SectionTabs({ role, page }: { role: Role; page: PageId }) {
  const tabs = sectionTabs(role, page)
  if (tabs.length === 0) return null
  // A weekly report's page is under the weekly reports' tab.
  const current = page === 'weekly-report' ? 'weekly-reports' : page
  return (
    <nav className="section-tabs no-print" aria-label="Section">
      <ul>
        {tabs.map((tab) => (
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
