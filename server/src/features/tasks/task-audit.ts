import { describeKeyTimes } from './key-times.js'
import type { AreaSpec } from './task-area.js'
import type { TaskFields } from './task-store.js'

/** What the audit trail keeps of a task's editable fields: readable (category names, key times in words). */
export function auditFields(fields: TaskFields): Record<string, unknown> {
  return {
    title: fields.title,
    problem: fields.problem,
    categories: fields.categories,
    keyTimes: describeKeyTimes(fields.keyTimes),
    leadTeamId: fields.leadTeamId,
    officerIds: fields.officerIds,
    dosage: { visitsPerWeek: fields.visitsPerWeek, minutesPerVisit: fields.minutesPerVisit },
    startDate: fields.startDate,
    endDate: fields.endDate,
    meetingId: fields.meetingId,
    popId: fields.popId,
  }
}

export function auditArea(area: Pick<AreaSpec, 'source' | 'cells' | 'res' | 'ward'> & { polygon: unknown }): Record<string, unknown> {
  if (area.source === 'ward') return { source: area.source, ward: area.ward }
  if (area.source === 'polygon') return { source: area.source, polygon: area.polygon }
  return { source: area.source, res: area.res, cells: area.cells }
}

/** Only the fields that differ, before and after, so the trail says what an edit changed. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const keys = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
  return { before: Object.fromEntries(keys.map((key) => [key, before[key]])), after: Object.fromEntries(keys.map((key) => [key, after[key]])) }
}
