import { Type, type Static } from 'typebox'
import { Password, UserSchema } from '../users/schemas.js'

export const SignIn = Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }), password: Password }, { additionalProperties: false })
export type SignIn = Static<typeof SignIn>

/** The answer to signing in and to asking for the session. */
export const SignedIn = Type.Object({ user: UserSchema, csrfToken: Type.String({ description: 'send as x-csrf-token on every write' }) })
export type SignedIn = Static<typeof SignedIn>

export const PasswordChange = Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false })
export type PasswordChange = Static<typeof PasswordChange>
