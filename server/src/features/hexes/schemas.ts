import { Type, type Static } from 'typebox'
import { Period } from '../../lib/calendar-schemas.js'
import { incidentFilterProperties } from '../incidents/schemas.js'

export const HexesQuery = Type.Object(
  {
    res: Type.Integer({ minimum: 6, maximum: 10, default: 8, description: 'H3 resolution, 6 (coarse) to 10 (fine)' }),
    ...incidentFilterProperties,
    week: Type.Optional(
      Type.String({
        format: 'date',
        description: 'a Monday (YYYY-MM-DD): that UK week\u2019s incidents known to the day or the minute (timed logs), instead of a month range (GET /api/hexes/weeks lists the weeks)',
      }),
    ),
  },
  { additionalProperties: false },
)

export const HexWeeksQuery = Type.Object(incidentFilterProperties, { additionalProperties: false })

export const HexWeeks = Type.Object({
  weeks: Type.Array(Type.String({ format: 'date' }), { description: 'Mondays of the whole UK weeks (Monday to Sunday) in the period holding incidents known to the day or the minute, oldest first' }),
  monthOnly: Type.Integer({ description: 'the filter\u2019s incidents known to the month only (police.uk\u2019s): in no week' }),
})
export type HexWeeks = Static<typeof HexWeeks>

export const HexCells = Type.Array(Type.Object({ h3: Type.String(), count: Type.Integer() }))
export type HexCells = Static<typeof HexCells>
export type HexCell = HexCells[number]

export const HexCellParams = Type.Object({
  cell: Type.String({ pattern: '^8[0-9a-f]{14}$', description: 'an H3 cell index as h3-js writes it (lower-case hex), resolution 6 to 10' }),
})

export const HexDetailQuery = Type.Object(
  { from: incidentFilterProperties.from, to: incidentFilterProperties.to, categories: incidentFilterProperties.categories },
  { additionalProperties: false },
)

const Counted = { incidents: Type.Integer(), harm: Type.Number({ description: 'the sum of the incidents\u2019 harm weights' }) }

export const HexDetail = Type.Object({
  cell: Type.String(),
  res: Type.Integer(),
  areaKm2: Type.Number(),
  period: Period,
  ...Counted,
  categories: Type.Array(Type.Object({ category: Type.String(), ...Counted }), { description: 'busiest first' }),
  months: Type.Array(Type.Object({ month: Type.String(), ...Counted }), { description: 'every month of the period, oldest first, 0 where none' }),
  places: Type.Array(
    Type.Object({ place: Type.Union([Type.String(), Type.Null()], { description: 'police.uk\u2019s "On or near …" name; null: none given' }), ...Counted }),
    { description: 'busiest first' },
  ),
  wards: Type.Array(Type.Object({ code: Type.Union([Type.String(), Type.Null()]), name: Type.Union([Type.String(), Type.Null()]), ...Counted }), {
    description: 'the wards its incidents\u2019 points lie in, busiest first; code null: outside every ward',
  }),
})
export type HexDetail = Static<typeof HexDetail>
