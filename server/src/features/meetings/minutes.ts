import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'
import { listTasks, type Viewer } from '../tasks/task-store.js'
import type { TaskListItem } from '../tasks/schemas.js'
import type { Meeting, Minutes } from './schemas.js'

const changesOnDayQuery = loadQuery(import.meta.url, 'changes-on-day.sql')

type Change = Minutes['tasked'][number]['changesOnTheDay'][number]

interface ChangeRow {
  target: string
  at: Date
  action: string
  by: string | null
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

/** An audit entry in words: created, the fields an edit changed, or the status moved to. */
function changeOf(row: ChangeRow): Change {
  const fields =
    row.action === 'task.create' ? ['created'] : row.action === 'task.status' ? [`status: ${String(row.after?.status ?? '?')}`] : Object.keys(row.after ?? {})
  return { at: row.at.toISOString(), by: row.by, action: row.action, fields }
}

/**
 * The minutes: every task set at the meeting (tasks.meeting_id) with what was done to it on the meeting's day, other
 * tasks changed that day (from the audit trail: reviewed at the meeting, most likely, though the trail cannot say),
 * and the resources tasked per team.
 */
export async function buildMinutes(db: Pick<pg.Pool, 'query'>, viewer: Viewer, meeting: Meeting): Promise<Minutes> {
  // Without the areas' GeoJSON: the minutes name and count, they draw no map.
  const [tasks, changes] = await Promise.all([listTasks(db, viewer, {}, { withGeometry: false }), db.query<ChangeRow>({ ...changesOnDayQuery, values: [meeting.heldOn] })])
  const byId = new Map(tasks.map((task) => [task.id, task]))
  const ours = tasks.filter((task) => task.meetingId === meeting.id).sort((a, b) => a.id - b.id)
  const changesOf = new Map<number, Change[]>()
  for (const row of changes.rows) {
    const id = Number(row.target.replace(/^task:/, ''))
    if (!byId.has(id)) continue
    changesOf.set(id, [...(changesOf.get(id) ?? []), changeOf(row)])
  }
  const resources = new Map<string, Minutes['resources'][number]>()
  for (const task of ours) {
    const key = task.leadTeam ? String(task.leadTeam.id) : 'none'
    const entry = resources.get(key) ?? { team: task.leadTeam, tasks: 0, visitsPerWeek: 0, minutesPerWeek: 0, officers: [] }
    entry.tasks += 1
    entry.visitsPerWeek += task.dosage.visitsPerWeek
    entry.minutesPerWeek += task.dosage.visitsPerWeek * task.dosage.minutesPerVisit
    for (const officer of task.officers) if (!entry.officers.some((known) => known.id === officer.id)) entry.officers.push(officer)
    resources.set(key, entry)
  }
  const ourIds = new Set(ours.map((task) => task.id))
  const others = [...changesOf].filter(([id]) => !ourIds.has(id)).sort(([a], [b]) => a - b)
  return {
    meeting,
    tasked: ours.map((task) => ({ task, changesOnTheDay: changesOf.get(task.id) ?? [] })),
    otherChanges: others.map(([id, list]) => ({ taskId: id, title: (byId.get(id) as TaskListItem).title, changes: list })),
    resources: [...resources.values()].sort((a, b) => (a.team?.name ?? '\uffff').localeCompare(b.team?.name ?? '\uffff')),
  }
}
