import { Type, type Static } from 'typebox'
import { MultiPolygonAnswer } from '../../lib/geojson-schemas.js'
import { Day } from '../../lib/calendar-schemas.js'
import { literalUnion } from '../../lib/literal-union.js'
import { multilineText } from '../../plugins/request-schemas.js'
import { AgencySchema } from '../teams/schemas.js'
import { AreaInput, AreaSourceSchema, TaskStatusSchema } from '../tasks/schemas.js'
import { POP_LOG_KINDS, POP_STATUSES, SARA_STAGES } from './pop-rules.js'

export const SaraStageSchema = literalUnion(SARA_STAGES, { description: 'the SARA stage: scanning, analysis, response, assessment' })
export const PopStatusSchema = literalUnion(POP_STATUSES)
export const PopLogKindSchema = literalUnion(POP_LOG_KINDS)

const WardCode = Type.String({ pattern: '^[EWSN]\\d{8}$' })
const Id = Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 })
const Title = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })
const Problem = multilineText({ maxLength: 5000, description: 'the problem in words' })
const PartnerTeamIds = Type.Array(Id, { maxItems: 50, description: 'the partner teams working the problem (GET /api/teams)' })
const OwnerId = Id
const Reason = multilineText({ maxLength: 1000, description: 'why, for the audit trail' })

export const NewPop = Type.Object(
  {
    title: Title,
    problem: Type.Optional(Problem),
    ownerId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1, description: 'the owner: an enabled inspector' }),
    partnerTeamIds: Type.Optional(PartnerTeamIds),
    saraStage: Type.Optional(SaraStageSchema),
    reviewOn: Type.Optional(Day), // default: four weeks from today (UK), the JAG's monthly POP review
    area: AreaInput,
  },
  { additionalProperties: false },
)
export type NewPop = Static<typeof NewPop>

export const PopFromWard = Type.Object(
  {
    ward: WardCode,
    ownerId: OwnerId,
    reviewOn: Type.Optional(Day),
    title: Type.Optional(Title),
  },
  { additionalProperties: false },
)
export type PopFromWard = Static<typeof PopFromWard>

export const PopChange = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'the version the edit was made on; a stale one is refused with 409 and the current POP' }),
    reason: Type.Optional(Reason),
    title: Type.Optional(Title),
    problem: Type.Optional(Problem),
    ownerId: Type.Optional(OwnerId),
    partnerTeamIds: Type.Optional(PartnerTeamIds),
    saraStage: Type.Optional(SaraStageSchema),
    reviewOn: Type.Optional(Day),
    area: Type.Optional(AreaInput),
  },
  { additionalProperties: false, minProperties: 2 },
)
export type PopChange = Static<typeof PopChange>

export const PopClose = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    reason: multilineText({ minLength: 1, maxLength: 5000, pattern: '\\S', description: 'why the POP is closed: solved, handed on, no longer a problem' }),
  },
  { additionalProperties: false },
)
export type PopClose = Static<typeof PopClose>

export const NewPopLogEntry = Type.Object(
  {
    kind: PopLogKindSchema,
    body: multilineText({ minLength: 1, maxLength: 5000, pattern: '\\S' }),
    date: Type.Optional(Day), // the day noted or decided; default today (UK); not after today
  },
  { additionalProperties: false },
)
export type NewPopLogEntry = Static<typeof NewPopLogEntry>

export const PopId = Type.Object({ id: Id }, { additionalProperties: false })

export const PopListQuery = Type.Object(
  {
    status: Type.Optional(PopStatusSchema),
    ward: Type.Optional(WardCode),
    overdue: Type.Optional(Type.Boolean({ description: 'true: only open POPs whose review date has passed; false: only those not overdue' })),
  },
  { additionalProperties: false },
)
export type PopListQuery = Static<typeof PopListQuery>

const Person = Type.Object({ id: Type.Integer(), name: Type.String(), email: Type.String() })

const popFields = {
  id: Type.Integer(),
  title: Type.String(),
  problem: Type.Optional(Type.String({ description: 'withheld from councillors' })),
  owner: Person,
  partners: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), agency: AgencySchema })),
  saraStage: SaraStageSchema,
  reviewOn: Type.String({ description: 'YYYY-MM-DD' }),
  overdue: Type.Boolean({ description: 'open and its review date is before today (UK)' }),
  status: PopStatusSchema,
  closedReason: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  area: Type.Object({
    source: AreaSourceSchema,
    areaKm2: Type.Number({ description: 'on the spheroid' }),
    res: Type.Union([Type.Integer(), Type.Null()]),
    cells: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'withheld from councillors' })),
    ward: Type.Union([WardCode, Type.Null()], { description: 'the ward, when the area is one' }),
    geometry: Type.Optional(MultiPolygonAnswer),
  }),
  wards: Type.Array(
    Type.Object({ code: Type.String(), name: Type.String(), councilCode: Type.String(), councilName: Type.String(), share: Type.Number() }),
    { description: 'the wards holding at least 0.1% of the area, largest share first (the rule of task_wards)' },
  ),
  linkedTasks: Type.Object({
    count: Type.Integer(),
    byStatus: Type.Array(Type.Object({ status: TaskStatusSchema, count: Type.Integer() }), { description: 'statuses with at least one linked task' }),
  }),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.Union([Person, Type.Null()]),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.Union([Person, Type.Null()]),
}
export const PopSchema = Type.Object(popFields)
export type Pop = Static<typeof PopSchema>

export const PopLogEntrySchema = Type.Object({
  id: Type.Integer(),
  date: Type.String(),
  kind: PopLogKindSchema,
  body: Type.String(),
  author: Type.Union([Person, Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
})
export type PopLogEntry = Static<typeof PopLogEntrySchema>

export const PopDetailSchema = Type.Object({
  ...popFields,
  log: Type.Optional(Type.Array(PopLogEntrySchema, { description: 'newest first; withheld from councillors' })),
  tasks: Type.Optional(
    Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), status: TaskStatusSchema, startDate: Type.String(), endDate: Type.String() }), {
      description: 'the linked tasks, newest first; withheld from councillors (a linked task may lie outside their wards)',
    }),
  ),
})
export type PopDetail = Static<typeof PopDetailSchema>

export const PopList = Type.Object({ today: Type.String({ description: 'today (UK), the day overdue is measured against' }), items: Type.Array(PopSchema) })
export type PopList = Static<typeof PopList>

/** Every 409 a POP write gives: a refused write (no `current`), or a stale version or a ward already a POP (with it). */
export const PopConflict = Type.Object({
  statusCode: Type.Literal(409),
  error: Type.String(),
  message: Type.String(),
  current: Type.Optional(PopDetailSchema),
  existingPopId: Type.Optional(Type.Integer({ description: 'the open POP the ward already is' })),
})
export type PopConflict = Static<typeof PopConflict>
