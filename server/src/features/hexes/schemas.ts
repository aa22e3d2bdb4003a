import { Type, type Static } from 'typebox'
import { incidentFilterProperties } from '../incidents/schemas.js'

export const HexesQuery = Type.Object(
  { res: Type.Integer({ minimum: 6, maximum: 10, default: 8, description: 'H3 resolution, 6 (coarse) to 10 (fine)' }), ...incidentFilterProperties },
  { additionalProperties: false },
)

export const HexCells = Type.Array(Type.Object({ h3: Type.String(), count: Type.Integer() }))
export type HexCells = Static<typeof HexCells>
export type HexCell = HexCells[number]
