import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'

const recentFailures = loadQuery(import.meta.url, 'recent-login-failures.sql')
const insertFailure = loadQuery(import.meta.url, 'insert-login-failure.sql')
const clearFailures = loadQuery(import.meta.url, 'clear-login-failures.sql')

export interface ThrottleSettings {
  maxFailuresPerAccount: number
  maxFailuresPerAddress: number
  windowMinutes: number
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

/**
 * Seconds to wait when the account or the address has used up its failures in the window, else null. Attempts
 * refused here are not counted again, so a locked account opens when the window passes however often it is tried.
 */
export async function throttledFor(db: Queryable, email: string, ip: string, settings: ThrottleSettings): Promise<number | null> {
  const row = (await db.query({ ...recentFailures, values: [email, ip, settings.windowMinutes] })).rows[0]
  const waits: number[] = []
  if (row.by_email >= settings.maxFailuresPerAccount) waits.push(row.email_retry_after)
  if (row.by_ip >= settings.maxFailuresPerAddress) waits.push(row.ip_retry_after)
  return waits.length ? Math.max(1, ...waits) : null
}

export async function recordFailure(db: Queryable, email: string, ip: string): Promise<void> {
  await db.query({ ...insertFailure, values: [email, ip] })
}

/** A good sign-in resets the account's count (not the address's: one address may be trying many accounts). */
export async function clearAccountFailures(db: Queryable, email: string): Promise<void> {
  await db.query({ ...clearFailures, values: [email] })
}
