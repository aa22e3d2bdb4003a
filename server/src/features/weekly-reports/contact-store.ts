import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'

const wardContactsQuery = loadQuery(import.meta.url, 'ward-contacts.sql')
const upsertContactQuery = loadQuery(import.meta.url, 'upsert-contact.sql')
const deleteContactQuery = loadQuery(import.meta.url, 'delete-contact.sql')

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

export interface StoredContact {
  wardCode: string
  kind: 'neighbourhood-officer' | 'enforcement-officer' | 'housing-officer'
  name: string
  email: string | null
  phone: string | null
  updatedAt: string
}

const contactOf = (row: Record<string, unknown>): StoredContact => ({
  wardCode: row.ward_code as string,
  kind: row.kind as StoredContact['kind'],
  name: row.name as string,
  email: row.email as string | null,
  phone: row.phone as string | null,
  updatedAt: row.updated_at as string,
})

export async function listContacts(db: Queryable, wards: string[] | null): Promise<StoredContact[]> {
  return (await db.query({ ...wardContactsQuery, values: [wards] })).rows.map(contactOf)
}

/** Sets a ward's contact of one kind; the one it replaced (null when new), for the audit entry. */
export async function upsertContact(db: Queryable, contact: Omit<StoredContact, 'updatedAt'>, userId: number): Promise<{ before: StoredContact | null; after: StoredContact }> {
  const before = (await listContacts(db, [contact.wardCode])).find((each) => each.kind === contact.kind) ?? null
  const row = (await db.query({ ...upsertContactQuery, values: [contact.wardCode, contact.kind, contact.name, contact.email, contact.phone, userId] })).rows[0]
  return { before, after: contactOf(row) }
}

export async function deleteContact(db: Queryable, wardCode: string, kind: string): Promise<StoredContact | null> {
  const row = (await db.query({ ...deleteContactQuery, values: [wardCode, kind] })).rows[0]
  return row ? contactOf(row) : null
}
