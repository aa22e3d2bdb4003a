import { formatDay } from '../../shared/dates'
import { VISIT_ACTION_NOUNS, VISIT_ACTIONS, type Visit } from './tasks-api'

/** "3 engagements, 1 Community Protection Warning"; "no actions recorded" when every count is 0. */
export function describeActions(actions: Visit['actions']): string {
  const parts = VISIT_ACTIONS.flatMap((kind) => {
    const count = actions[kind] ?? 0
    if (count <= 0) return []
    const [one, many] = VISIT_ACTION_NOUNS[kind]
    return [`${count} ${count === 1 ? one : many}`]
  })
  return parts.length > 0 ? parts.join(', ') : 'no actions recorded'
}

/** "Tue 3 Dec 2024, 19:30 for 15 minutes". */
export function describeVisitTime(visit: Pick<Visit, 'date' | 'startTime' | 'minutes'>): string {
  return `${formatDay(visit.date)}, ${visit.startTime} for ${visit.minutes} ${visit.minutes === 1 ? 'minute' : 'minutes'}`
}
