import { Type, type Static } from 'typebox'
import { literalUnion } from '../../lib/literal-union.js'
import { AGENCIES } from './agencies.js'

export const AgencySchema = literalUnion(AGENCIES, { description: 'the kind of agency (agencies.ts)' })

export const TeamSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  agency: AgencySchema,
  retired: Type.Boolean({ description: 'kept for the tasks and visits that name it; not offered for new ones' }),
})
export type Team = Static<typeof TeamSchema>

export const TeamList = Type.Object({ items: Type.Array(TeamSchema) })
export type TeamList = Static<typeof TeamList>

const TeamName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })

export const NewTeam = Type.Object({ name: TeamName, agency: AgencySchema }, { additionalProperties: false })
export type NewTeam = Static<typeof NewTeam>

export const TeamChange = Type.Object(
  { name: Type.Optional(TeamName), agency: Type.Optional(AgencySchema), retired: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
)
export type TeamChange = Static<typeof TeamChange>

export const TeamId = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) }, { additionalProperties: false })
