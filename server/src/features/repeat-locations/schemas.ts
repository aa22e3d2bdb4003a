import { Type, type Static } from 'typebox'
import { incidentFilterProperties } from '../incidents/schemas.js'

export const RepeatLocationsQuery = Type.Object(
  {
    categories: incidentFilterProperties.categories,
    ward: incidentFilterProperties.ward,
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'only incidents of this source; any when absent' })),
    months: Type.Integer({ minimum: 1, maximum: 36, default: 12, description: 'how many months back, the data\u2019s latest month included (default 12)' }),
    minIncidents: Type.Integer({ minimum: 2, maximum: 1000, default: 3, description: 'the fewest incidents a place needs to be listed (default 3)' }),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'the busiest places listed (default 100)' }),
  },
  { additionalProperties: false },
)
export type RepeatLocationsQuery = Static<typeof RepeatLocationsQuery>

export const RepeatLocation = Type.Object({
  kind: Type.Union([Type.Literal('point'), Type.Literal('address')], {
    description: 'point: a map point (police.uk\u2019s stand for several addresses each); address: a log\u2019s address as written',
  }),
  label: Type.Union([Type.String(), Type.Null()], { description: 'the place as the records name it (the commonest text)' }),
  incidents: Type.Integer(),
  lon: Type.Union([Type.Number(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
  ward: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  firstDay: Type.String({ description: 'UK local date; a police.uk incident\u2019s is its month\u2019s first day' }),
  lastDay: Type.String(),
  sources: Type.Array(Type.String()),
  categories: Type.Array(Type.Object({ category: Type.String(), incidents: Type.Integer() })),
})
export type RepeatLocation = Static<typeof RepeatLocation>

export const RepeatLocationsAnswer = Type.Object({
  fromMonth: Type.Union([Type.String(), Type.Null()], { description: 'the first month counted (YYYY-MM); null when there are no data' }),
  items: Type.Array(RepeatLocation),
})
export type RepeatLocationsAnswer = Static<typeof RepeatLocationsAnswer>
