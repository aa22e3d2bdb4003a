import crypto from 'node:crypto'
import { promisify } from 'node:util'
import { serviceBusy } from '../../lib/errors.js'
import { Slots } from '../../lib/slots.js'

const scryptOnPool = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>

/**
 * Every scrypt runs on libuv's thread pool, which file reads (the client's files), DNS lookups and zlib share. Queued
 * there without limit, forty sign-ins at once held `/` for 72–90 s on a loaded two-core machine. At most half the
 * pool hashes at once (2 of the default 4 threads; 128 MiB each at the default cost), a few more wait their turn, and
 * the rest are refused with 503 (serviceBusy).
 */
const THREAD_POOL_SIZE = Number(process.env.UV_THREADPOOL_SIZE) || 4
export const HASHES_AT_ONCE = Math.max(1, Math.floor(THREAD_POOL_SIZE / 2))
/** About 3 s of waiting at the default cost's 0.2–0.5 s a hash; more would rather retry than hang. */
export const HASHES_WAITING = 16
const hashSlots = new Slots(HASHES_AT_ONCE, HASHES_WAITING, () => serviceBusy('The server is busy checking passwords; try again in a moment.', 2))

function scrypt(password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions): Promise<Buffer> {
  return hashSlots.run(() => scryptOnPool(password, salt, keylen, options))
}

/** OWASP's scrypt floor (N=2^17, r=8, p=1): about 128 MiB and 0.2 s a hash on one core, slow enough to make guessing costly. */
export const DEFAULT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 }

export interface ScryptCost {
  N: number
  r: number
  p: number
}
const KEY_LENGTH = 32
const SALT_LENGTH = 16

function maxmemFor(N: number, r: number): number {
  return 128 * N * r * 2
}

/** `scrypt$N$r$p$salt$hash`: the parameters travel with the hash so the cost can be raised without a migration. */
export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_COST): Promise<string> {
  const salt = crypto.randomBytes(SALT_LENGTH)
  const key = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...cost, maxmem: maxmemFor(cost.N, cost.r) })
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  const N = Number(n)
  const R = Number(r)
  if (scheme !== 'scrypt' || !salt || !hash || !Number.isInteger(N) || !Number.isInteger(R)) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, {
    N,
    r: R,
    p: Number(p),
    maxmem: maxmemFor(N, R),
  })
  return crypto.timingSafeEqual(key, expected)
}

/**
 * Checked against when the account does not exist, so an unknown email costs the same time as a wrong password: one
 * per cost (an app hashes at one cost; tests run apps at a cheap one).
 */
const dummyHashes = new Map<string, Promise<string>>()
export function hashForUnknownUser(cost: ScryptCost = DEFAULT_COST): Promise<string> {
  const key = `${cost.N}$${cost.r}$${cost.p}`
  let dummy = dummyHashes.get(key)
  if (!dummy) {
    dummy = hashPassword(crypto.randomBytes(16).toString('hex'), cost).catch((error: unknown) => {
      // Refused while busy: the next unknown email makes it again rather than failing for ever.
      dummyHashes.delete(key)
      throw error
    })
    dummyHashes.set(key, dummy)
  }
  return dummy
}
