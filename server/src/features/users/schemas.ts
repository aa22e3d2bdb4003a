import { Type, type Static } from 'typebox'
import { MAX_PASSWORD_LENGTH } from './password-rules.js'
import { NO_NUL } from '../../plugins/request-schemas.js'
import { literalUnion } from '../../lib/literal-union.js'
import { ROLES } from './roles.js'

export const RoleSchema = literalUnion(ROLES)

const AssignedWards = Type.Array(Type.Object({ code: Type.String(), name: Type.String() }), { description: "a councillor's assigned wards" })

/** The signed-in user, as the session answers with it (features/auth). */
export const UserSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  mustChangePassword: Type.Boolean(),
  wards: AssignedWards,
})
export type User = Static<typeof UserSchema>

/** A user as administrators see and edit them. */
export const AdminUserSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  mustChangePassword: Type.Boolean(),
  disabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  lastLoginAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  wards: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  team: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()], { description: 'the team whose tasks an officer sees' }),
})
export type AdminUser = Static<typeof AdminUserSchema>

export const UserList = Type.Object({ items: Type.Array(AdminUserSchema) })
export type UserList = Static<typeof UserList>

const WardCode = Type.String({ pattern: '^[EWSN]\\d{8}$' })
export const UserId = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) }, { additionalProperties: false })
const Email = Type.String({ pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', maxLength: 254, description: 'an email address' })
const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })
const TeamId = Type.Union([Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }), Type.Null()], { description: 'the team (GET /api/teams) whose tasks the user sees; null: none' })
/**
 * A password as given to set or to check. Any character but NUL, within the length: a password is only ever hashed,
 * never stored as text, shown or logged, so the control-character rule other text keeps guards nothing here, and
 * refusing the tab or line break a password manager or a paste put in one would lock its owner out. NUL alone is
 * refused: nobody types it, and tools that end a string at NUL would take such a password for a shorter one.
 */
export const Password = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH, [NO_NUL]: true })

export const NewUser = Type.Object(
  { email: Email, name: Name, role: RoleSchema, password: Password, wards: Type.Optional(Type.Array(WardCode, { maxItems: 500 })), teamId: Type.Optional(TeamId) },
  { additionalProperties: false },
)
export type NewUser = Static<typeof NewUser>

export const UserChange = Type.Object(
  {
    name: Type.Optional(Name),
    role: Type.Optional(RoleSchema),
    disabled: Type.Optional(Type.Boolean()),
    wards: Type.Optional(Type.Array(WardCode, { maxItems: 500 })),
    teamId: Type.Optional(TeamId),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UserChange = Static<typeof UserChange>

export const PasswordReset = Type.Object({ password: Password }, { additionalProperties: false })
export type PasswordReset = Static<typeof PasswordReset>
