import { Type, type Static } from 'typebox'
import { Period } from '../../lib/calendar-schemas.js'

export const Count = Type.Integer({ minimum: 0 })
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
  categories: Type.Array(Type.Object({ category: Type.String(), count: Count }), {
    description: 'counts per category under every filter but categories',
  }),
  months: Type.Array(Type.Object({ month: Type.String(), count: Count })),
})
export type Summary = Static<typeof Summary>
