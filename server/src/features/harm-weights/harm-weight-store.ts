import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'
import { recordAudit } from '../audit/audit-log.js'
import { readDefaultWeights } from './default-weights.js'

const seedHarmWeightsQuery = loadQuery(import.meta.url, 'seed-harm-weights.sql')
const listHarmWeightsQuery = loadQuery(import.meta.url, 'list-harm-weights.sql')
const lockHarmWeightsQuery = loadQuery(import.meta.url, 'lock-harm-weights.sql')
const updateHarmWeightsQuery = loadQuery(import.meta.url, 'update-harm-weights.sql')

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

export interface HarmWeight {
  category: string
  weight: number
  defaultWeight: number
  basis: string
  updatedAt: string
  /** Email of the last editor; null while the weight is the bundled default as loaded. */
  updatedBy: string | null
}

/**
 * Gives every category without a weight its bundled default, and refreshes each default and its basis; edited weights
 * stay. What it adds is recorded in the audit trail (by the system), so the trail holds every version of the scale.
 */
export async function seedHarmWeights(db: Queryable): Promise<number> {
  const defaults = readDefaultWeights()
  const added = (
    await db.query({
      ...seedHarmWeightsQuery,
      values: [defaults.map((row) => row.category), defaults.map((row) => row.weight), defaults.map((row) => row.basis)],
    })
  ).rows.filter((row) => row.inserted)
  if (added.length > 0) {
    await recordAudit(db, {
      actor: null,
      action: 'harm_weights.update',
      target: 'harm_weights',
      details: { reason: 'bundled defaults loaded (geodata/harm-weights/harm-weights.csv)' },
      after: Object.fromEntries(added.map((row) => [row.category, row.weight])),
    })
  }
  return added.length
}

export async function listHarmWeights(db: Queryable): Promise<HarmWeight[]> {
  return (await db.query(listHarmWeightsQuery)).rows.map((row) => ({
    category: row.category,
    weight: row.weight,
    defaultWeight: row.default_weight,
    basis: row.basis,
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by,
  }))
}

/** The current weight of every category, locked until the caller's transaction ends. */
export async function lockHarmWeights(client: pg.PoolClient): Promise<Map<string, number>> {
  return new Map((await client.query(lockHarmWeightsQuery)).rows.map((row) => [row.category as string, row.weight as number]))
}

export async function updateHarmWeights(client: pg.PoolClient, changes: { category: string; weight: number }[], editor: string): Promise<void> {
  await client.query({ ...updateHarmWeightsQuery, values: [changes.map((row) => row.category), changes.map((row) => row.weight), editor] })
}
