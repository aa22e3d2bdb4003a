import crypto from 'node:crypto'
import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'

const formKeyQuery = loadQuery(import.meta.url, 'form-key.sql')

/** The database's form key, made on first use (one per database: every server process shares it). */
export async function formKey(pool: pg.Pool): Promise<Buffer> {
  const { rows } = await pool.query<{ form_key: Buffer }>({ ...formKeyQuery, values: [crypto.randomBytes(32)] })
  return rows[0].form_key
}

const sign = (key: Buffer, issued: number) => crypto.createHmac('sha256', key).update(`report-form:${issued}`).digest('base64url')

/** A token saying when the form was opened, signed so a client cannot backdate it. */
export function issueFormToken(key: Buffer, now = Date.now()): string {
  return `${now}.${sign(key, now)}`
}

export type TokenCheck = { ok: true } | { ok: false; reason: 'invalid' | 'too-fast' | 'expired'; waitSeconds?: number }

/**
 * The time check: a person takes more than a few seconds to fill the form in, a script posting straight away does
 * not; a token older than `maxHours` is refused too, so one token cannot be kept and replayed for ever.
 */
export function checkFormToken(key: Buffer, token: string, settings: { minSeconds: number; maxHours: number }, now = Date.now()): TokenCheck {
  const match = /^(\d{13})\.([A-Za-z0-9_-]{43})$/.exec(token)
  if (!match) return { ok: false, reason: 'invalid' }
  const issued = Number(match[1])
  const expected = Buffer.from(sign(key, issued))
  const given = Buffer.from(match[2])
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' }
  const age = now - issued
  if (age < settings.minSeconds * 1000) return { ok: false, reason: 'too-fast', waitSeconds: Math.max(1, Math.ceil((settings.minSeconds * 1000 - age) / 1000)) }
  if (age > settings.maxHours * 3_600_000) return { ok: false, reason: 'expired' }
  return { ok: true }
}
