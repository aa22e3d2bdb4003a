import type pg from 'pg'
import { loadQuery } from '../../../lib/sql-file.js'
import { checkedMapping, mappedCategories, type ProfileMapping } from './profile-schema.js'

const profileByName = loadQuery(import.meta.url, 'profile-by-name.sql')
const listProfilesQuery = loadQuery(import.meta.url, 'list-profiles.sql')
const insertProfileQuery = loadQuery(import.meta.url, 'insert-profile.sql')
const updateProfileQuery = loadQuery(import.meta.url, 'update-profile.sql')
const lockProfileQuery = loadQuery(import.meta.url, 'lock-profile.sql')
const knownCategories = loadQuery(import.meta.url, 'known-categories.sql')

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

export interface ImportProfile {
  id: number
  name: string
  title: string
  /** Null when the stored mapping no longer fits the schema (edited by hand): such a profile cannot import. */
  mapping: ProfileMapping | null
  shipped: boolean
  createdAt: string
  updatedAt: string
}

interface ProfileRow {
  id: string
  name: string
  title: string
  mapping: unknown
  shipped: boolean
  created_at: Date
  updated_at: Date
}

function profileOf(row: ProfileRow): ImportProfile {
  return {
    id: Number(row.id), name: row.name, title: row.title, mapping: checkedMapping(row.mapping), shipped: row.shipped,
    createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  }
}

export async function findProfile(db: Queryable, name: string): Promise<ImportProfile | null> {
  const { rows } = await db.query<ProfileRow>({ ...profileByName, values: [name] })
  return rows.length === 0 ? null : profileOf(rows[0])
}

export async function lockProfile(client: pg.PoolClient, name: string): Promise<ImportProfile | null> {
  const { rows } = await client.query<ProfileRow>({ ...lockProfileQuery, values: [name] })
  return rows.length === 0 ? null : profileOf(rows[0])
}

export async function listProfiles(db: Queryable): Promise<ImportProfile[]> {
  return (await db.query<ProfileRow>(listProfilesQuery)).rows.map(profileOf)
}

/** Null: the name is taken. */
export async function insertProfile(db: Queryable, profile: { name: string; title: string; mapping: ProfileMapping }): Promise<ImportProfile | null> {
  const { rows } = await db.query<ProfileRow>({ ...insertProfileQuery, values: [profile.name, profile.title, JSON.stringify(profile.mapping)] })
  return rows.length === 0 ? null : profileOf(rows[0])
}

export async function updateProfile(db: Queryable, profile: { name: string; title: string; mapping: ProfileMapping }): Promise<ImportProfile | null> {
  const { rows } = await db.query<ProfileRow>({ ...updateProfileQuery, values: [profile.name, profile.title, JSON.stringify(profile.mapping)] })
  return rows.length === 0 ? null : profileOf(rows[0])
}

/** The categories a mapping names that Patrolmap does not have (each needs a harm weight before analyses can use it). */
export async function unknownCategories(db: Queryable, mapping: ProfileMapping): Promise<string[]> {
  const wanted = mappedCategories(mapping)
  const { rows } = await db.query<{ name: string }>({ ...knownCategories, values: [wanted] })
  const known = new Set(rows.map((row) => row.name))
  return wanted.filter((name) => !known.has(name))
}
