import { Type, type Static, type TInteger, type TOptional, type TSchema } from 'typebox'
import { MultiPolygonAnswer } from '../../lib/geojson-schemas.js'
import { Day } from '../../lib/calendar-schemas.js'
import { literalUnion } from '../../lib/literal-union.js'
import { multilineText } from '../../plugins/request-schemas.js'
import { AgencySchema } from '../teams/schemas.js'
import { DAYS, HOURS } from './key-times.js'
import { AREA_SOURCES, MAX_AREA_CELLS, MAX_POLYGON_POSITIONS } from './task-area.js'
import { TASK_STATUSES } from './task-status.js'
import { VISIT_ACTIONS, type VisitAction } from './visit-actions.js'

export const TaskStatusSchema = literalUnion(TASK_STATUSES)
export const AreaSourceSchema = literalUnion(AREA_SOURCES, {
  description: 'how the area was made: a ranked problem location\u2019s cells, cells picked on the map, a drawn polygon, or a ward',
})

const WardCode = Type.String({ pattern: '^[EWSN]\\d{8}$' })
const Id = Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 })

const KeyTimesSchema = Type.Array(Type.Array(Type.Boolean(), { minItems: HOURS, maxItems: HOURS }), {
  minItems: DAYS,
  maxItems: DAYS,
  description: 'weekday × hour: 7 rows, Monday first, of 24 hours (0–23, UK local time); true marks a key hour',
})

const Position = Type.Array(Type.Number({ minimum: -180, maximum: 180 }), { minItems: 2, maxItems: 3 })
const Ring = Type.Array(Position, { minItems: 4, maxItems: MAX_POLYGON_POSITIONS })
const PolygonCoordinates = Type.Array(Ring, { minItems: 1, maxItems: 100 })
export const AreaPolygon = Type.Union(
  [
    Type.Object({ type: Type.Literal('Polygon'), coordinates: PolygonCoordinates }, { additionalProperties: false }),
    Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(PolygonCoordinates, { minItems: 1, maxItems: 100 }) }, { additionalProperties: false }),
  ],
  { description: 'GeoJSON (longitude, latitude, WGS84)' },
)
export type AreaPolygon = Static<typeof AreaPolygon>

/**
 * Where a task applies: `cells` + `res` for cells (a ranked problem location's, or picked on the map), `polygon` for a
 * drawn area, `ward` for a whole ward. Only the fields of its source may be given.
 */
export const AreaInput = Type.Object(
  {
    source: AreaSourceSchema,
    res: Type.Optional(Type.Integer({ minimum: 6, maximum: 11, description: 'H3 resolution of the cells' })),
    cells: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9a-f]{15}$' }), { minItems: 1, maxItems: MAX_AREA_CELLS, description: 'H3 cell ids, as h3-js writes them' })),
    polygon: Type.Optional(AreaPolygon),
    ward: Type.Optional(WardCode),
  },
  { additionalProperties: false },
)
export type AreaInput = Static<typeof AreaInput>

const Title = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })
const Problem = multilineText({ maxLength: 5000, description: 'the problem in words' })
const Categories = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50, description: 'incident categories targeted; none: every category' })
const Dosage = Type.Object(
  {
    visitsPerWeek: Type.Integer({ minimum: 0, maximum: 168 }),
    minutesPerVisit: Type.Integer({ minimum: 1, maximum: 480, default: 15, description: 'default 15: Koper\u2019s 10–15 minute stops deter longest' }),
  },
  { additionalProperties: false },
)
/** An edit's dosage: either part alone (no default here: a change of visits keeps the minutes). */
const DosageChange = Type.Object(
  { visitsPerWeek: Type.Optional(Type.Integer({ minimum: 0, maximum: 168 })), minutesPerVisit: Type.Optional(Type.Integer({ minimum: 1, maximum: 480 })) },
  { additionalProperties: false },
)
const Reason = multilineText({ maxLength: 1000, description: 'why, for the audit trail' })

export const NewTask = Type.Object(
  {
    title: Title,
    problem: Type.Optional(Problem),
    categories: Type.Optional(Categories),
    keyTimes: Type.Optional(KeyTimesSchema),
    leadTeamId: Type.Optional(Type.Union([Id, Type.Null()])),
    officerIds: Type.Optional(Type.Array(Id, { maxItems: 50, description: 'named officers: users with the inspector or officer role' })),
    dosage: Dosage,
    startDate: Day,
    endDate: Day,
    meetingId: Type.Optional(Type.Union([Id, Type.Null()])),
    popId: Type.Optional(Type.Union([Id, Type.Null()])),
    area: AreaInput,
  },
  { additionalProperties: false },
)
export type NewTask = Static<typeof NewTask>

export const TaskChange = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'the version the edit was made on; a stale one is refused with 409 and the current task' }),
    reason: Type.Optional(Reason),
    title: Type.Optional(Title),
    problem: Type.Optional(Problem),
    categories: Type.Optional(Categories),
    keyTimes: Type.Optional(KeyTimesSchema),
    leadTeamId: Type.Optional(Type.Union([Id, Type.Null()])),
    officerIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    dosage: Type.Optional(DosageChange),
    startDate: Type.Optional(Day),
    endDate: Type.Optional(Day),
    meetingId: Type.Optional(Type.Union([Id, Type.Null()])),
    popId: Type.Optional(Type.Union([Id, Type.Null()])),
    area: Type.Optional(AreaInput),
  },
  { additionalProperties: false, minProperties: 2 },
)
export type TaskChange = Static<typeof TaskChange>

export const StatusChange = Type.Object(
  {
    to: TaskStatusSchema,
    version: Type.Integer({ minimum: 1 }),
    reason: Type.Optional(Reason),
    outcome: Type.Optional(multilineText({ minLength: 1, maxLength: 5000, pattern: '\\S', description: 'what came of it; required to close' })),
  },
  { additionalProperties: false },
)
export type StatusChange = Static<typeof StatusChange>

export const TaskId = Type.Object({ id: Id }, { additionalProperties: false })

export const TaskListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.String({ pattern: `^(${TASK_STATUSES.join('|')})(,(${TASK_STATUSES.join('|')}))*$`, description: 'statuses, separated by commas' }),
    ),
    team: Type.Optional(Id),
    ward: Type.Optional(WardCode),
    officer: Type.Optional(Type.Literal('me', { description: 'me: only the tasks that name the signed-in user' })),
    geometry: Type.Optional(Type.Boolean({ description: 'true: with each area’s GeoJSON, for a map; left out otherwise' })),
  },
  { additionalProperties: false },
)
export type TaskListQuery = Static<typeof TaskListQuery>

const Person = Type.Object({ id: Type.Integer(), name: Type.String(), email: Type.String() })

export const WeekDelivery = Type.Object({
  weekStart: Type.String({ description: 'the Monday (YYYY-MM-DD) of the week, UK time' }),
  visits: Type.Integer(),
  minutes: Type.Integer(),
  visitShare: Type.Union([Type.Number(), Type.Null()], { description: 'visits over the target; null: no visits were asked for' }),
  minuteShare: Type.Union([Type.Number(), Type.Null()], { description: 'minutes over visits × minutes asked for; null: none asked for' }),
})
export type WeekDelivery = Static<typeof WeekDelivery>

/** A task as answered; `geometry` is its area's GeoJSON, which a list leaves out unless asked (TaskListItemSchema). */
function taskSchema<Geometry extends TSchema>(geometry: Geometry) {
  return Type.Object({
    id: Type.Integer(),
    title: Type.String(),
    problem: Type.Optional(Type.String({ description: 'withheld from councillors' })),
    categories: Type.Array(Type.String()),
    keyTimes: Type.Optional(Type.Array(Type.Array(Type.Boolean()), { description: 'as in the request; GET /api/tasks/:id only, and withheld from councillors' })),
    leadTeam: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String(), agency: AgencySchema }), Type.Null()]),
    officers: Type.Array(Person),
    dosage: Type.Object({ visitsPerWeek: Type.Integer(), minutesPerVisit: Type.Integer() }),
    startDate: Type.String(),
    endDate: Type.String(),
    meetingId: Type.Union([Type.Integer(), Type.Null()]),
    popId: Type.Union([Type.Integer(), Type.Null()]),
    status: TaskStatusSchema,
    outcome: Type.Union([Type.String(), Type.Null()]),
    version: Type.Integer(),
    area: Type.Object({
      source: AreaSourceSchema,
      geometry,
      areaKm2: Type.Number(),
      res: Type.Union([Type.Integer(), Type.Null()]),
      cells: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'H3 cells when made from cells; withheld from councillors' })),
      ward: Type.Union([WardCode, Type.Null()], { description: 'the ward, when the area is one' }),
    }),
    wards: Type.Array(
      Type.Object({ code: Type.String(), name: Type.String(), councilCode: Type.String(), councilName: Type.String(), share: Type.Number({ description: 'share of the task area in the ward' }) }),
      { description: 'the wards holding at least 0.1% of the area, largest share first' },
    ),
    councils: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
    delivery: Type.Object({
      thisWeek: WeekDelivery,
      total: Type.Object({ visits: Type.Integer(), minutes: Type.Integer(), visitsOutsideArea: Type.Integer() }),
      weeks: Type.Optional(
        Type.Array(WeekDelivery, { description: 'GET /api/tasks/:id only: every week (Monday to Sunday) from the start to the end or this week, whichever is first' }),
      ),
    }),
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Type.Union([Person, Type.Null()]),
    updatedAt: Type.String({ format: 'date-time' }),
    updatedBy: Type.Union([Person, Type.Null()]),
  })
}

export const TaskSchema = taskSchema(MultiPolygonAnswer)
export type Task = Static<typeof TaskSchema>

/** A task in a list: its area's GeoJSON only when asked for (`geometry=true`), as only a map draws it. */
export const TaskListItemSchema = taskSchema(Type.Optional(MultiPolygonAnswer))
export type TaskListItem = Static<typeof TaskListItemSchema>

export const TaskList = Type.Object({ items: Type.Array(TaskListItemSchema) })

export const PatrolOfficerSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: Type.String(),
  role: Type.String({ description: 'inspector or officer' }),
  team: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
})
export type PatrolOfficer = Static<typeof PatrolOfficerSchema>
export const PatrolOfficerList = Type.Object({ items: Type.Array(PatrolOfficerSchema) }, { description: 'enabled inspectors and officers, by name' })
export type PatrolOfficerList = Static<typeof PatrolOfficerList>
export type TaskList = Static<typeof TaskList>

/** 409 on a stale version: the task as it is now, so the client can show what changed and nothing is overwritten. */
export const StaleTask = Type.Object({ statusCode: Type.Literal(409), error: Type.String(), message: Type.String(), current: TaskSchema })
export type StaleTask = Static<typeof StaleTask>

/** Every 409 these routes give: a refused move or edit (no `current`), or a stale version (with it). */
export const TaskConflict = Type.Object({
  statusCode: Type.Literal(409),
  error: Type.String(),
  message: Type.String(),
  current: Type.Optional(TaskSchema),
})

const ActionCounts = Type.Object(
  Object.fromEntries(VISIT_ACTIONS.map((kind) => [kind, Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 }))])) as Record<VisitAction, TOptional<TInteger>>,
  { additionalProperties: false, description: 'how many of each action (visit-actions.ts); kinds left out: none' },
)

export const NewVisit = Type.Object(
  {
    idempotencyKey: Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$', description: 'made by the device once per visit (a UUID): a resend of the same visit is recorded once' }),
    date: Day,
    startTime: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM, UK local time' }),
    minutes: Type.Integer({ minimum: 1, maximum: 720 }),
    officerIds: Type.Optional(Type.Array(Id, { maxItems: 20, description: 'who patrolled; default: the one recording' })),
    actions: Type.Optional(ActionCounts),
    notes: Type.Optional(multilineText({ maxLength: 5000 })),
    location: Type.Optional(
      Type.Object({ lon: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }) }, { additionalProperties: false, description: 'where the phone was' }),
    ),
  },
  { additionalProperties: false },
)
export type NewVisit = Static<typeof NewVisit>

export const VisitSchema = Type.Object({
  id: Type.Integer(),
  taskId: Type.Integer(),
  date: Type.String(),
  startTime: Type.String(),
  minutes: Type.Integer(),
  officers: Type.Array(Person),
  actions: Type.Record(Type.String(), Type.Integer(), { description: 'every kind of visit-actions.ts, 0 when none' }),
  notes: Type.String(),
  location: Type.Union([Type.Object({ lon: Type.Number(), lat: Type.Number() }), Type.Null()]),
  outsideArea: Type.Union([Type.Boolean(), Type.Null()], { description: 'the location lies more than 25 m outside the task area; null: no location' }),
  recordedAt: Type.String({ format: 'date-time' }),
  recordedBy: Type.Union([Person, Type.Null()]),
})
export type Visit = Static<typeof VisitSchema>

export const VisitList = Type.Object({ items: Type.Array(VisitSchema) })
export type VisitList = Static<typeof VisitList>
