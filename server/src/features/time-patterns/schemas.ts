import { Type, type Static } from 'typebox'
import { incidentFilterProperties } from '../incidents/schemas.js'
import { AreaInput } from '../tasks/schemas.js'

export const DemandQuery = Type.Object(
  {
    ...incidentFilterProperties,
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'only incidents of this source (e.g. an imported log\u2019s), any when absent' })),
    windowFrom: Type.Integer({ minimum: 0, maximum: 23, default: 0, description: 'the window\u2019s first hour (UK local time), default 0' }),
    windowTo: Type.Integer({ minimum: 1, maximum: 24, default: 7, description: 'the hour the window ends at, exclusive (default 7: 00:00\u201307:00); before windowFrom it wraps past midnight' }),
  },
  { additionalProperties: false },
)
export type DemandQuery = Static<typeof DemandQuery>

export const DemandAnswer = Type.Object({
  grid: Type.Array(Type.Array(Type.Integer(), { minItems: 24, maxItems: 24 }), {
    minItems: 7,
    maxItems: 7,
    description: 'incidents per weekday (7 rows, Monday first) and hour (24, UK local time), from rows with a time of day',
  }),
  incidents: Type.Integer({ description: 'incidents in the grid: those with a time of day' }),
  leftOut: Type.Integer({ description: 'incidents the filter holds with no time of day (a date or a month only), not in the grid' }),
  window: Type.Object({
    from: Type.Integer(),
    to: Type.Integer(),
    incidents: Type.Integer({ description: 'incidents of the grid in the window\u2019s hours, every weekday' }),
    share: Type.Union([Type.Number(), Type.Null()], { description: 'their share of the grid\u2019s incidents (0 to 1); null when the grid is empty' }),
  }),
  weeks: Type.Array(
    Type.Object({
      week: Type.String({ description: 'the week\u2019s Monday, YYYY-MM-DD (weeks run Monday to Sunday, UK local time)' }),
      incidents: Type.Integer(),
    }),
    { description: 'incidents per week, from rows known to the day or the minute; weeks with none are listed as 0 between the first and the last' },
  ),
})
export type DemandAnswer = Static<typeof DemandAnswer>

export const TimedSource = Type.Object({
  source: Type.String(),
  incidents: Type.Integer(),
  toTheMinute: Type.Integer({ description: 'incidents whose time of day is known: the demand grid counts these' }),
  toTheDay: Type.Integer({ description: 'incidents known to the day only' }),
  firstDay: Type.String({ description: 'YYYY-MM-DD, UK local; a month-only source gives its months\u2019 first days' }),
  lastDay: Type.String(),
  illustrative: Type.Boolean({ description: 'made up (its import profile says so): labelled wherever it is shown' }),
})
export type TimedSource = Static<typeof TimedSource>

export const TimedSourceList = Type.Object({ items: Type.Array(TimedSource) })
export type TimedSourceList = Static<typeof TimedSourceList>

export const KeyTimesRequest = Type.Object(
  {
    area: AreaInput,
    share: Type.Number({ minimum: 0.05, maximum: 1, default: 0.5, description: 'the share of the area\u2019s timed incidents the key times should hold (default 0.5)' }),
    categories: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50, description: 'incident categories; none or absent: every category' })),
    months: Type.Integer({ minimum: 1, maximum: 36, default: 12, description: 'how many months back from the latest incident with a time of day (default 12)' }),
  },
  { additionalProperties: false },
)
export type KeyTimesRequest = Static<typeof KeyTimesRequest>

export const KeyTimesAnswer = Type.Object({
  keyTimes: Type.Array(Type.Array(Type.Boolean()), { description: 'weekday \u00d7 hour, Monday first, as a task\u2019s key times' }),
  hours: Type.Integer({ description: 'key hours suggested: the fewest weekday \u00d7 hour cells holding the share' }),
  covered: Type.Integer({ description: 'incidents in those hours' }),
  incidents: Type.Integer({ description: 'incidents in the area with a time of day, in the span' }),
  leftOut: Type.Integer({ description: 'the area\u2019s incidents in the span known only to the day or the month: not counted' }),
  grid: Type.Array(Type.Array(Type.Integer())),
  firstDay: Type.Union([Type.String(), Type.Null()], { description: 'the span, UK local dates; null when no incident has a time of day' }),
  lastDay: Type.Union([Type.String(), Type.Null()]),
})
export type KeyTimesAnswer = Static<typeof KeyTimesAnswer>
