import { Type, type Static } from 'typebox'
import { Day, Period } from '../../lib/calendar-schemas.js'
import { multilineText } from '../../plugins/request-schemas.js'
import { TaskListItemSchema, TaskSchema, WeekDelivery } from '../tasks/schemas.js'
import { AgencySchema } from '../teams/schemas.js'

/** The JAG meeting's routes: the contract the client's meetings feature imports as types. */

const Id = Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 })
const Title = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })
const Chair = Type.String({ maxLength: 200 })
const Notes = multilineText({ maxLength: 10000, description: 'notes of the meeting, shown in the minutes' })
const TeamIds = Type.Array(Id, { maxItems: 50, description: 'teams present (GET /api/teams)' })
const Others = Type.Array(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }), {
  maxItems: 50,
  description: 'anyone else present, in words (an agency not on the team list, a residents\u2019 group)',
})

export const MeetingId = Type.Object({ id: Id }, { additionalProperties: false })

export const NewMeeting = Type.Object(
  {
    heldOn: Day,
    title: Type.Optional(Title),
    chair: Type.Optional(Chair),
    notes: Type.Optional(Notes),
    teamIds: Type.Optional(TeamIds),
    othersPresent: Type.Optional(Others),
  },
  { additionalProperties: false },
)
export type NewMeeting = Static<typeof NewMeeting>

export const MeetingChange = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'the version the edit was made on; a stale one is refused with 409 and the current meeting' }),
    heldOn: Type.Optional(Day),
    title: Type.Optional(Title),
    chair: Type.Optional(Chair),
    notes: Type.Optional(Notes),
    teamIds: Type.Optional(TeamIds),
    othersPresent: Type.Optional(Others),
  },
  { additionalProperties: false, minProperties: 2 },
)
export type MeetingChange = Static<typeof MeetingChange>

const Person = Type.Object({ id: Type.Integer(), name: Type.String(), email: Type.String() })
const TeamRef = Type.Object({ id: Type.Integer(), name: Type.String(), agency: AgencySchema })

export const MeetingSchema = Type.Object({
  id: Type.Integer(),
  heldOn: Type.String({ description: 'YYYY-MM-DD' }),
  title: Type.String(),
  chair: Type.String(),
  notes: Type.String(),
  teams: Type.Array(TeamRef, { description: 'teams present' }),
  othersPresent: Type.Array(Type.String()),
  taskCount: Type.Integer({ description: 'tasks set at this meeting' }),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.Union([Person, Type.Null()]),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.Union([Person, Type.Null()]),
})
export type Meeting = Static<typeof MeetingSchema>
export const MeetingList = Type.Object({ items: Type.Array(MeetingSchema, { description: 'latest first' }) })
export type MeetingList = Static<typeof MeetingList>

export const MeetingConflict = Type.Object({ statusCode: Type.Literal(409), error: Type.String(), message: Type.String(), current: Type.Optional(MeetingSchema) })
export type MeetingConflict = Static<typeof MeetingConflict>

export const AgendaQuery = Type.Object(
  {
    categories: Type.Optional(
      Type.String({ maxLength: 2000, description: 'comma-separated police.uk categories for the problem locations; default Anti-social behaviour; "all": every category' }),
    ),
    months: Type.Integer({ minimum: 1, maximum: 36, default: 3, description: 'the problem locations\u2019 period: the last this many months of data' }),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 10, description: 'problem locations listed (those no open task covers)' }),
  },
  { additionalProperties: false },
)
export type AgendaQuery = Static<typeof AgendaQuery>

const ProblemLocationItem = Type.Object({
  rank: Type.Integer({ description: 'its rank in Hotspots (the same ranking), covered locations included' }),
  name: Type.String(),
  ward: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  res: Type.Integer(),
  cells: Type.Array(Type.String()),
  areaKm2: Type.Number(),
  incidents: Type.Integer({ description: 'incidents in its cells in the period' }),
  previous: Type.Union([Type.Integer(), Type.Null()], { description: 'incidents in the equal period before; null where the data does not cover it' }),
  bestCover: Type.Union([Type.Object({ taskId: Type.Integer(), title: Type.String(), share: Type.Number() }), Type.Null()], {
    description: 'the open task holding most of it (share of its area, below one half here)',
  }),
})

const CoveredLocation = Type.Object({
  rank: Type.Integer(),
  name: Type.String(),
  taskId: Type.Integer(),
  taskTitle: Type.String(),
  share: Type.Number({ description: 'share of the location\u2019s area inside that task\u2019s area' }),
})

const OpenTaskItem = Type.Object({
  task: TaskListItemSchema,
  week: WeekDelivery,
  incidentsSince: Type.Union(
    [Type.Object({ from: Type.String({ description: 'YYYY-MM: the task\u2019s start month' }), to: Type.String({ description: 'YYYY-MM: the data\u2019s last month' }), incidents: Type.Integer() }), Type.Null()],
    { description: 'incidents in the task area (its categories; all when none) from its start month to the last month of data; null: no data since it started' },
  ),
})

const PopItem = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  owner: Type.Union([Person, Type.Null()]),
  saraStage: Type.String(),
  reviewOn: Type.String(),
  overdue: Type.Boolean({ description: 'the review date is before the meeting' }),
  daysOverdue: Type.Integer({ description: 'days from the review date to the meeting; negative: due after it' }),
  wards: Type.Array(Type.String()),
  linkedTasks: Type.Integer(),
})

const EscalatedItem = Type.Object({
  task: TaskListItemSchema,
  escalatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()], { description: 'why it went to the PSG, from the audit trail' }),
})

export const AgendaSchema = Type.Object({
  meeting: MeetingSchema,
  locations: Type.Object({
    period: Period,
    categories: Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'null: every category' }),
    coverRule: Type.String(),
    items: Type.Array(ProblemLocationItem),
    covered: Type.Array(CoveredLocation, { description: 'ranked locations left out: an open task covers them' }),
    caveats: Type.Array(Type.String()),
  }),
  openTasks: Type.Object({ weekStart: Type.String({ description: 'the Monday of the last full week before the meeting' }), items: Type.Array(OpenTaskItem) }),
  pops: Type.Object({ dueBy: Type.String({ description: 'the meeting date + 7 days' }), items: Type.Array(PopItem) }),
  escalated: Type.Array(EscalatedItem),
})
export type Agenda = Static<typeof AgendaSchema>

const Change = Type.Object({
  at: Type.String({ format: 'date-time' }),
  by: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  fields: Type.Array(Type.String({ description: 'what changed (for a status change: the new status)' })),
})

export const MinutesSchema = Type.Object({
  meeting: MeetingSchema,
  tasked: Type.Array(Type.Object({ task: TaskListItemSchema, changesOnTheDay: Type.Array(Change) }), { description: 'every task set at this meeting (without its area\u2019s GeoJSON)' }),
  otherChanges: Type.Array(
    Type.Object({ taskId: Type.Integer(), title: Type.String(), changes: Type.Array(Change) }),
    { description: 'other tasks changed on the meeting\u2019s day (UK time), from the audit trail' },
  ),
  resources: Type.Array(
    Type.Object({ team: Type.Union([TeamRef, Type.Null()]), tasks: Type.Integer(), visitsPerWeek: Type.Integer(), minutesPerWeek: Type.Integer(), officers: Type.Array(Person) }),
    { description: 'what each team was tasked with at the meeting: tasks, the weekly dosage asked for, named officers' },
  ),
})
export type Minutes = Static<typeof MinutesSchema>

export const TaskSheetQuery = Type.Object({ team: Id }, { additionalProperties: false })
export type TaskSheetQuery = Static<typeof TaskSheetQuery>

export const TaskSheetSchema = Type.Object({
  meeting: MeetingSchema,
  team: TeamRef,
  tasks: Type.Array(TaskSchema, { description: 'the team\u2019s tasks set at this meeting, not closed' }),
})
export type TaskSheet = Static<typeof TaskSheetSchema>
