import { Type, type Static } from 'typebox'
import { Day } from '../../lib/calendar-schemas.js'
import { literalUnion } from '../../lib/literal-union.js'
import { AUDIT_ACTIONS } from './audit-actions.js'

const Json = Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])

export const AuditQuery = Type.Object(
  {
    action: Type.Optional(literalUnion(AUDIT_ACTIONS)),
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 254, description: 'the actor\u2019s email, exactly' })),
    from: Type.Optional({ ...Day, description: 'first day included, YYYY-MM-DD (1900-01-01 to 2199-12-31)' }),
    to: Type.Optional({ ...Day, description: 'last day included, YYYY-MM-DD (1900-01-01 to 2199-12-31)' }),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
    cursor: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
)
export type AuditQuery = Static<typeof AuditQuery>

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Union([Type.Object({ id: Type.Union([Type.Integer(), Type.Null()]), email: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  action: Type.String(),
  target: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  details: Json,
  before: Json,
  after: Json,
})
export type AuditEntry = Static<typeof AuditEntrySchema>

export const AuditPage = Type.Object({ items: Type.Array(AuditEntrySchema), nextCursor: Type.Union([Type.String(), Type.Null()]) })
export type AuditPage = Static<typeof AuditPage>
