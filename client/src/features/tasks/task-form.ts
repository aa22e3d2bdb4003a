/**
 * The task form's state and what it sends: a new task, or an edit carrying only the fields that differ from the task
 * it was made on (with that task's version, so a change made meanwhile by someone else is refused, not overwritten).
 */
import type { AreaInput } from '../../../../server/src/features/tasks/schemas'
import { emptyKeyTimes, type KeyTimes, type NewTask, type Task, type TaskChange } from './tasks-api'

export type { AreaInput }

/** Koper (1995): stops of 10–15 minutes gave the longest residual deterrence after the police left. */
export const DEFAULT_MINUTES_PER_VISIT = 15

export interface TaskForm {
  title: string
  problem: string
  categories: string[]
  keyTimes: KeyTimes
  leadTeamId: number | null
  officerIds: number[]
  visitsPerWeek: string
  minutesPerVisit: string
  startDate: string
  endDate: string
  /** The POP the task works on, if any (an open one is offered). */
  popId: number | null
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** A new task's form: from today for four weeks, 3 visits a week of 15 minutes. */
export function emptyForm(today: string, title = ''): TaskForm {
  return {
    title,
    problem: '',
    categories: [],
    keyTimes: emptyKeyTimes(),
    leadTeamId: null,
    officerIds: [],
    visitsPerWeek: '3',
    minutesPerVisit: String(DEFAULT_MINUTES_PER_VISIT),
    startDate: today,
    endDate: addDays(today, 27),
    popId: null,
  }
}

export function formFromTask(task: Task): TaskForm {
  return {
    title: task.title,
    problem: task.problem ?? '',
    categories: [...task.categories],
    keyTimes: task.keyTimes ?? emptyKeyTimes(),
    leadTeamId: task.leadTeam?.id ?? null,
    officerIds: task.officers.map((officer) => officer.id),
    visitsPerWeek: String(task.dosage.visitsPerWeek),
    minutesPerVisit: String(task.dosage.minutesPerVisit),
    startDate: task.startDate,
    endDate: task.endDate,
    popId: task.popId,
  }
}

type Checked = { visitsPerWeek: number; minutesPerVisit: number } | { problem: string }

function checkForm(form: TaskForm): Checked {
  if (form.title.trim() === '') return { problem: 'Give the task a title.' }
  const visitsPerWeek = Number(form.visitsPerWeek)
  const minutesPerVisit = Number(form.minutesPerVisit)
  if (!Number.isInteger(visitsPerWeek) || visitsPerWeek < 0 || visitsPerWeek > 168) return { problem: 'Visits per week must be a whole number from 0 to 168.' }
  if (!Number.isInteger(minutesPerVisit) || minutesPerVisit < 1 || minutesPerVisit > 480) return { problem: 'Minutes per visit must be a whole number from 1 to 480.' }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.startDate) || !/^\d{4}-\d{2}-\d{2}$/.test(form.endDate)) return { problem: 'Enter the start and end dates.' }
  if (form.endDate < form.startDate) return { problem: 'The end date is before the start date.' }
  return { visitsPerWeek, minutesPerVisit }
}

export function newTaskFrom(form: TaskForm, area: AreaInput): { task: NewTask } | { problem: string } {
  const checked = checkForm(form)
  if ('problem' in checked) return checked
  return {
    task: {
      title: form.title.trim(),
      problem: form.problem,
      categories: form.categories,
      keyTimes: form.keyTimes,
      leadTeamId: form.leadTeamId,
      officerIds: form.officerIds,
      dosage: checked,
      startDate: form.startDate,
      endDate: form.endDate,
      ...(form.popId !== null ? { popId: form.popId } : {}),
      area,
    },
  }
}

const sameKeyTimes = (left: KeyTimes, right: KeyTimes) => left.every((hours, day) => hours.every((key, hour) => key === right[day]?.[hour]))
const sameList = (left: readonly string[], right: readonly string[]) => left.length === right.length && [...left].sort().join('\n') === [...right].sort().join('\n')

/**
 * The edit to send: only what the form changed from `base`, on `base`'s version. After a 409, making the change again
 * on the current task is this with the current task as `base`: the user's edits, on what is there now.
 */
export function taskChangeFrom(form: TaskForm, base: Task): { change: TaskChange | null } | { problem: string } {
  const checked = checkForm(form)
  if ('problem' in checked) return checked
  const before = formFromTask(base)
  const change: TaskChange = { version: base.version }
  if (form.title.trim() !== before.title) change.title = form.title.trim()
  if (form.problem !== before.problem) change.problem = form.problem
  if (!sameList(form.categories, before.categories)) change.categories = form.categories
  if (!sameKeyTimes(form.keyTimes, before.keyTimes)) change.keyTimes = form.keyTimes
  if (form.leadTeamId !== before.leadTeamId) change.leadTeamId = form.leadTeamId
  if (!sameList(form.officerIds.map(String), before.officerIds.map(String))) change.officerIds = form.officerIds
  const dosage: NonNullable<TaskChange['dosage']> = {}
  if (checked.visitsPerWeek !== base.dosage.visitsPerWeek) dosage.visitsPerWeek = checked.visitsPerWeek
  if (checked.minutesPerVisit !== base.dosage.minutesPerVisit) dosage.minutesPerVisit = checked.minutesPerVisit
  if (Object.keys(dosage).length > 0) change.dosage = dosage
  if (form.startDate !== before.startDate) change.startDate = form.startDate
  if (form.endDate !== before.endDate) change.endDate = form.endDate
  if (form.popId !== before.popId) change.popId = form.popId
  return { change: Object.keys(change).length > 1 ? change : null }
}

const FORM_FIELDS = ['title', 'problem', 'categories', 'keyTimes', 'leadTeamId', 'officerIds', 'visitsPerWeek', 'minutesPerVisit', 'startDate', 'endDate', 'popId'] as const

function sameValue(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right)
}

/**
 * After a 409: the user's edits (where `form` differs from the task they started on, `mine`) laid over the task as
 * it is now (`theirs`). Fields the user did not touch take the other person's values, so reapplying overwrites
 * nothing of theirs the user did not change; the user sees the result before saving it.
 */
export function rebaseForm(form: TaskForm, mine: Task, theirs: Task): TaskForm {
  const started = formFromTask(mine)
  const rebased = formFromTask(theirs)
  const result: Record<string, unknown> = { ...rebased }
  for (const field of FORM_FIELDS) if (!sameValue(form[field], started[field])) result[field] = form[field]
  return result as unknown as TaskForm
}

/** The fields on which two versions of a task differ, in words, for the "someone else changed this task" notice. */
export function changedFields(mine: Task, theirs: Task): string[] {
  const left = formFromTask(mine)
  const right = formFromTask(theirs)
  const names: string[] = []
  if (left.title !== right.title) names.push('title')
  if (left.problem !== right.problem) names.push('problem')
  if (!sameList(left.categories, right.categories)) names.push('categories')
  if (!sameKeyTimes(left.keyTimes, right.keyTimes)) names.push('key times')
  if (left.leadTeamId !== right.leadTeamId) names.push('lead team')
  if (left.visitsPerWeek !== right.visitsPerWeek || left.minutesPerVisit !== right.minutesPerVisit) names.push('dosage')
  if (left.startDate !== right.startDate || left.endDate !== right.endDate) names.push('dates')
  if (left.popId !== right.popId) names.push('POP')
  if (mine.status !== theirs.status) names.push('status')
  if (mine.officers.map((officer) => officer.id).join() !== theirs.officers.map((officer) => officer.id).join()) names.push('officers')
  return names
}
