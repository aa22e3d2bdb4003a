import { SectionTabs } from '../../app/SectionTabs'
import type { PageId } from '../../app/routes'

/** The Admin area's tabs (Users, Audit log), under each admin page's header. */
export function AdminTabs({ current }: { current: PageId }) {
  return <SectionTabs role="admin" page={current} />
}
