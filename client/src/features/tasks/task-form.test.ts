import { describe, expect, it } from 'vitest'
import { addDays, changedFields, emptyForm, formFromTask, newTaskFrom, rebaseForm, taskChangeFrom } from './task-form'
import { emptyKeyTimes, type Task } from './tasks-api'

function task(overrides: Partial<Task> = {}): Task {
  return {
    id: 4,
    title: 'Station Road ASB',
    problem: 'Groups at the shops',
    categories: ['Anti-social behaviour'],
    keyTimes: emptyKeyTimes(),
    leadTeam: { id: 2, name: 'Central NPT', agency: 'police' },
    officers: [],
    dosage: { visitsPerWeek: 3, minutesPerVisit: 15 },
    startDate: '2026-11-30',
    endDate: '2026-12-27',
    meetingId: null,
    popId: null,
    status: 'tasked',
    outcome: null,
    version: 5,
    area: { source: 'ward', geometry: { type: 'MultiPolygon', coordinates: [] }, areaKm2: 1, res: null, ward: 'E05000001' },
    wards: [],
    councils: [],
    delivery: { thisWeek: { weekStart: '2026-11-30', visits: 0, minutes: 0, visitShare: 0, minuteShare: 0 }, total: { visits: 0, minutes: 0, visitsOutsideArea: 0 } },
    createdAt: '2026-11-30T10:00:00Z',
    createdBy: null,
    updatedAt: '2026-11-30T10:00:00Z',
    updatedBy: null,
    ...overrides,
  }
}

describe('a new task', () => {
  it('defaults to 15-minute visits (Koper) over four weeks', () => {
    const form = emptyForm('2026-12-01', 'Park')
    expect(form.minutesPerVisit).toBe('15')
    expect(form.endDate).toBe('2026-12-28')
    expect(newTaskFrom(form, { source: 'ward', ward: 'E05000001' })).toMatchObject({
      task: { title: 'Park', dosage: { visitsPerWeek: 3, minutesPerVisit: 15 }, area: { source: 'ward', ward: 'E05000001' } },
    })
  })

  it('names what is wrong', () => {
    expect(newTaskFrom(emptyForm('2026-12-01'), { source: 'ward', ward: 'E05000001' })).toEqual({ problem: 'Give the task a title.' })
    expect(newTaskFrom({ ...emptyForm('2026-12-01', 'x'), endDate: '2026-11-01' }, { source: 'ward', ward: 'E05000001' })).toEqual({ problem: 'The end date is before the start date.' })
  })

  it('counts days across month ends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02')
  })
})

describe('an edit', () => {
  it('sends only what changed, on the version it was made on', () => {
    const base = task()
    const form = { ...formFromTask(base), title: 'Station Road ASB (evenings)', minutesPerVisit: '10' }
    expect(taskChangeFrom(form, base)).toEqual({ change: { version: 5, title: 'Station Road ASB (evenings)', dosage: { minutesPerVisit: 10 } } })
  })

  it('sends the named officers when they change, whatever their order', () => {
    const base = task({ officers: [{ id: 7, name: 'PC A', email: 'a@x' }, { id: 9, name: 'PC B', email: 'b@x' }] })
    expect(taskChangeFrom({ ...formFromTask(base), officerIds: [9, 7] }, base)).toEqual({ change: null })
    expect(taskChangeFrom({ ...formFromTask(base), officerIds: [9] }, base)).toEqual({ change: { version: 5, officerIds: [9] } })
    // The POP picker: linked, and unlinked again (null is sent, not left out).
    expect(taskChangeFrom({ ...formFromTask(base), popId: 4 }, base)).toEqual({ change: { version: 5, popId: 4 } })
    expect(taskChangeFrom({ ...formFromTask(base), popId: null }, { ...base, popId: 4 })).toEqual({ change: { version: 5, popId: null } })
  })

  it('sends nothing when nothing changed', () => {
    expect(taskChangeFrom(formFromTask(task()), task())).toEqual({ change: null })
  })

  it('reapplied on the current task after a conflict, keeps the user edits and the other person\'s, on the current version', () => {
    const mine = task()
    const theirs = task({ version: 6, problem: 'Groups and fires at the shops' })
    const form = { ...formFromTask(mine), title: 'Mine' }
    const rebased = rebaseForm(form, mine, theirs)
    expect(rebased.title).toBe('Mine')
    expect(rebased.problem).toBe('Groups and fires at the shops')
    expect(taskChangeFrom(rebased, theirs)).toEqual({ change: { version: 6, title: 'Mine' } })
  })

  it('names the fields someone else changed', () => {
    expect(changedFields(task(), task({ version: 6, problem: 'x', status: 'in_progress' }))).toEqual(['problem', 'status'])
  })
})
