import { Type, type Static } from 'typebox'
import { MultiPolygonAnswer } from '../../lib/geojson-schemas.js'
import { Month, Period } from '../../lib/calendar-schemas.js'
import { literalUnion } from '../../lib/literal-union.js'
import { MEASURES } from '../hotspots/measure.js'

/** The longest period on each side an evaluation compares (two years each way: the data holds about three). */
export const MAX_EVALUATION_MONTHS = 24
export const MIN_BUFFER_METRES = 50
export const MAX_BUFFER_METRES = 1000
/** The most cells a user may give as a control. */
export const MAX_CONTROL_CELLS = 200

const H3_CELL = '[0-9a-f]{15}'

export const EvaluationId = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) })

export const EvaluationQuery = Type.Object(
  {
    months: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_EVALUATION_MONTHS,
        description: 'months in each of the two equal periods, before the task\u2019s start month and from it on; default: the task\u2019s own length in months, shortened to the data',
      }),
    ),
    bufferMetres: Type.Integer({ minimum: MIN_BUFFER_METRES, maximum: MAX_BUFFER_METRES, default: 250, description: 'width of the ring around the task area where displacement would show' }),
    control: Type.String({
      pattern: `^(auto|${H3_CELL}(,${H3_CELL}){0,${MAX_CONTROL_CELLS - 1}})$`,
      default: 'auto',
      description: '`auto` (docs/evaluation.md), or the control area as H3 cells (res 6–11), comma-separated',
    }),
    measure: Type.Union([Type.Literal('count'), Type.Literal('harm')], { default: 'count', description: 'which figure the plain-language reading reads; both WDDs are given' }),
  },
  { additionalProperties: false },
)
export type EvaluationQuery = Static<typeof EvaluationQuery>

const PrePost = Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: '[before, after]' })
const Regions = Type.Object({ treated: PrePost, buffer: PrePost, control: PrePost })


export const WddResultSchema = Type.Object({
  estLocal: Type.Number({ description: 'change in the task area beyond the control\u2019s change' }),
  varLocal: Type.Number(),
  seLocal: Type.Number(),
  estDisplace: Type.Number({ description: 'change in the ring (displacement if positive beside a local fall)' }),
  varDisplace: Type.Number(),
  seDisplace: Type.Number(),
  estTotal: Type.Number({ description: 'the WDD: task area and ring together, beyond the control\u2019s change; negative is a fall' }),
  varTotal: Type.Number(),
  seTotal: Type.Number(),
  z: Type.Number(),
  p: Type.Number({ description: 'two-sided' }),
  alpha: Type.Number(),
  lowCi: Type.Number(),
  highCi: Type.Number(),
})

export const MonthValuesSchema = Type.Object({
  month: Type.String(),
  period: literalUnion(['before', 'after'] as const),
  treated: Type.Number(),
  buffer: Type.Number(),
  control: Type.Number(),
  treatedHarm: Type.Number(),
  bufferHarm: Type.Number(),
  controlHarm: Type.Number(),
})

const Reading = Type.Object({
  direction: literalUnion(['fewer', 'more', 'same'] as const),
  beyondChanceAt: Type.Union([Type.Literal(95), Type.Literal(90), Type.Null()]),
  findings: Type.Array(Type.String()),
})

const TaskRef = Type.Object({ id: Type.Integer(), title: Type.String() })

export const EvaluationSchema = Type.Object({
  task: Type.Object({ id: Type.Integer(), title: Type.String(), status: Type.String(), startDate: Type.String(), endDate: Type.String() }),
  months: Type.Integer({ description: 'months in each period' }),
  monthsOnly: Type.Boolean({ description: 'the data gives months only (police.uk): the periods are whole calendar months' }),
  periodWords: Type.String(),
  before: Period,
  after: Period,
  bufferMetres: Type.Integer(),
  measure: literalUnion(MEASURES),
  categories: Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'the task\u2019s categories; null: every category' }),
  control: Type.Object({
    mode: literalUnion(['auto', 'cells'] as const),
    cells: Type.Array(Type.String()),
    rule: Type.String({ description: 'how the control was chosen, in words' }),
    trend: Type.Union([Type.Number(), Type.Null()], { description: 'the chosen cells\u2019 before-period trend (slope ÷ mean per month); null when given by the user' }),
    targetTrend: Type.Union([Type.Number(), Type.Null()]),
  }),
  areas: Type.Object({ treated: MultiPolygonAnswer, buffer: MultiPolygonAnswer, control: MultiPolygonAnswer }),
  counts: Regions,
  harm: Regions,
  series: Type.Array(MonthValuesSchema),
  wdd: Type.Object({ count: WddResultSchema, harm: WddResultSchema }),
  reading: Reading,
  caveats: Type.Array(Type.String()),
  overlappingTasks: Type.Array(TaskRef),
})
export type Evaluation = Static<typeof EvaluationSchema>
export type WddFigures = Static<typeof WddResultSchema>

export const PartnershipQuery = Type.Object(
  {
    from: Type.Optional(Month),
    to: Type.Optional(Month),
    format: Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' }),
  },
  { additionalProperties: false },
)
export type PartnershipQuery = Static<typeof PartnershipQuery>

export const PartnershipTaskSchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  status: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  /** Null when the task could not be evaluated (note says why). */
  evaluation: Type.Union([
    Type.Object({
      months: Type.Integer(),
      before: Period,
      after: Period,
      counts: Regions,
      wdd: Type.Object({ count: WddResultSchema, harm: WddResultSchema }),
      direction: literalUnion(['fewer', 'more', 'same'] as const),
      beyondChanceAt: Type.Union([Type.Literal(95), Type.Literal(90), Type.Null()]),
      caveats: Type.Array(Type.String()),
    }),
    Type.Null(),
  ]),
  note: Type.Union([Type.String(), Type.Null()]),
})
export type PartnershipTask = Static<typeof PartnershipTaskSchema>

export const PartnershipSchema = Type.Object({
  period: Period,
  previous: Period,
  tasks: Type.Array(PartnershipTaskSchema),
  targeted: Type.Object({
    councils: Type.Array(Type.String()),
    /** [previous period, period] in the union of the task areas and in the rest of their councils. */
    counts: Type.Object({ targeted: PrePost, rest: PrePost }),
    change: Type.Object({ targeted: Type.Union([Type.Number(), Type.Null()]), rest: Type.Union([Type.Number(), Type.Null()]) }, { description: 'fractions (−0.12: a 12% fall); null: nothing before' }),
    expected: Type.Union([Type.Number(), Type.Null()], {
      description: 'incidents the targeted areas would have had this period had they changed as the rest of their councils did',
    }),
    relative: Type.Union([Type.Number(), Type.Null()], { description: 'the targeted areas\u2019 change against that expectation, as a fraction (−0.1: 10% fewer)' }),
    note: Type.Union([Type.String(), Type.Null()], { description: 'why there is no comparison (no earlier data, no task)' }),
  }),
})
export type Partnership = Static<typeof PartnershipSchema>
