import { Type, type Static } from 'typebox'
import { Period } from '../../lib/calendar-schemas.js'

export const Count = Type.Integer({ minimum: 0 })

/** summary/comparison.ts: the equal period before the one counted; answers give a change against it only when comparable. */
export const Comparison = Type.Object(
  {
    period: Period,
    months: Type.Integer({ minimum: 1 }),
    monthsWithData: Type.Integer({
      minimum: 0,
      description: 'its months with any incident in the data (any category, anywhere); figures for it are given only when this is every month',
    }),
  },
  { description: 'the equal period just before the one counted, that changes are measured against' },
)
export type Comparison = Static<typeof Comparison>
export const Summary = Type.Object({
  total: Count,
  outsideArea: Type.Integer({ minimum: 0, description: 'incidents outside every ward (only without a ward filter)' }),
  withoutLocation: Type.Integer({
    minimum: 0,
    description: 'incidents police.uk gives no location: in the total, but on no map or spatial analysis (only without a ward filter)',
  }),
  period: Type.Union([Period, Type.Null()], {
    description: 'the span of all the data, not of the filter',
  }),
  comparison: Type.Union([Comparison, Type.Null()], { description: 'null when there is no data' }),
  previousTotal: Type.Union([Count, Type.Null()], {
    description: 'the total under the same filter in comparison.period; null unless the data covers every month of it',
  }),
  categories: Type.Array(Type.Object({ category: Type.String(), count: Count }), {
    description: 'counts per category under every filter but categories',
  }),
  months: Type.Array(Type.Object({ month: Type.String(), count: Count })),
})
export type Summary = Static<typeof Summary>
