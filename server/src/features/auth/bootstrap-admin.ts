import crypto from 'node:crypto'
import type pg from 'pg'
import { withTransaction } from '../../lib/transaction.js'
import { recordAudit } from '../audit/audit-log.js'
import { anyUserExists, createUser, normaliseEmail } from '../users/user-store.js'

export const DEFAULT_ADMIN_EMAIL = 'admin@patrolmap.local'

export interface BootstrapResult {
  email: string
  /** Set only when the password was generated: the one time it is ever shown. */
  oneTimePassword: string | null
}

/**
 * First start only: with no users at all, make the administrator from PATROLMAP_ADMIN_EMAIL/PASSWORD, or with a
 * random one-time password the admin must change at first sign-in. Returns null when users already exist.
 */
export async function bootstrapAdmin(pool: pg.Pool, given: { email?: string; password?: string }): Promise<BootstrapResult | null> {
  return withTransaction(pool, async (client) => {
    // Two servers starting at once on an empty database must not both create an admin.
    await client.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE')
    if (await anyUserExists(client)) return null
    const email = normaliseEmail(given.email ?? DEFAULT_ADMIN_EMAIL)
    const generated = given.password ? null : crypto.randomBytes(12).toString('base64url')
    const id = await createUser(client, { email, name: 'Administrator', role: 'admin', password: given.password ?? generated!, mustChangePassword: generated !== null })
    await recordAudit(client, { actor: null, action: 'user.create', target: `user:${id}`, details: { bootstrap: true }, after: { email, role: 'admin' } })
    return { email, oneTimePassword: generated }
  })
}
