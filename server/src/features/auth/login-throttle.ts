import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'
import { withTransaction } from '../../lib/transaction.js'

const lockSignIn = loadQuery(import.meta.url, 'lock-sign-in-attempt.sql')
const claimSignIn = loadQuery(import.meta.url, 'claim-sign-in-attempt.sql')
const releaseSignIn = loadQuery(import.meta.url, 'release-sign-in-attempt.sql')
const clearFailures = loadQuery(import.meta.url, 'clear-login-failures.sql')
const lockPasswordCheck = loadQuery(import.meta.url, 'lock-password-check.sql')
const claimPasswordCheckQuery = loadQuery(import.meta.url, 'claim-password-check.sql')
const releasePasswordCheckQuery = loadQuery(import.meta.url, 'release-password-check.sql')
const clearPasswordChecksQuery = loadQuery(import.meta.url, 'clear-password-checks.sql')

export interface ThrottleSettings {
  maxFailuresPerAccount: number
  maxFailuresPerAddress: number
  windowMinutes: number
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

/**
 * An attempt is counted before its password is hashed, so concurrent guesses see each other and those over the
 * limit are refused without a hash: `counted` with the id to release if it is never checked, or refused with the
 * seconds to wait. Refused attempts are not counted again, so a lock opens when the window passes however often
 * it is tried.
 */
export type Claim = { counted: true; id: number } | { counted: false; retryAfter: number }

/**
 * Counts a sign-in attempt against its account and its address, or refuses it when either has used up its failures
 * in the window. Attempts stay counted as failures unless the sign-in succeeds (clearAccountFailures) or is never
 * checked (releaseSignInAttempt). Locks in the database make the count and the record one step across processes.
 */
export async function claimSignInAttempt(pool: pg.Pool, email: string, ip: string, settings: ThrottleSettings): Promise<Claim> {
  return withTransaction(pool, async (client) => {
    await client.query({ ...lockSignIn, values: [email, ip] })
    const values = [email, ip, settings.windowMinutes, settings.maxFailuresPerAccount, settings.maxFailuresPerAddress]
    const row = (await client.query({ ...claimSignIn, values })).rows[0]
    if (row.id !== null) return { counted: true, id: row.id }
    const waits: number[] = []
    if (row.by_email >= settings.maxFailuresPerAccount) waits.push(row.email_retry_after)
    if (row.by_ip >= settings.maxFailuresPerAddress) waits.push(row.ip_retry_after)
    return { counted: false, retryAfter: Math.max(1, ...waits) }
  })
}

export async function releaseSignInAttempt(db: Queryable, id: number): Promise<void> {
  await db.query({ ...releaseSignIn, values: [id] })
}

/**
 * A good sign-in resets the account's count, its own attempt included (not the address's other failures: one
 * address may be trying many accounts).
 */
export async function clearAccountFailures(db: Queryable, email: string): Promise<void> {
  await db.query({ ...clearFailures, values: [email] })
}

/**
 * Counts a check of the current password (POST /api/auth/password) against the session, with the per-account limit
 * and window, or refuses it. Per session, not per account: a stolen session's guesses throttle that session and never
 * the owner's sign-in or the owner's own sessions, from which the owner can change the password and end the thief's.
 */
export async function claimPasswordCheck(pool: pg.Pool, tokenHash: Buffer, settings: ThrottleSettings): Promise<Claim> {
  return withTransaction(pool, async (client) => {
    await client.query({ ...lockPasswordCheck, values: [tokenHash] })
    const values = [tokenHash, settings.windowMinutes, settings.maxFailuresPerAccount]
    const row = (await client.query({ ...claimPasswordCheckQuery, values })).rows[0]
    return row.id !== null ? { counted: true, id: row.id } : { counted: false, retryAfter: Math.max(1, row.retry_after) }
  })
}

export async function releasePasswordCheck(db: Queryable, id: number): Promise<void> {
  await db.query({ ...releasePasswordCheckQuery, values: [id] })
}

export async function clearPasswordChecks(db: Queryable, tokenHash: Buffer): Promise<void> {
  await db.query({ ...clearPasswordChecksQuery, values: [tokenHash] })
}
