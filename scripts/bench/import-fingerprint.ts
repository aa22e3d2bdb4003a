import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { projectRoot } from '../../server/src/config.js'

/**
 * What an import's speed depends on in this repository: the importer and the count upkeep, the database helpers and
 * small libraries they use, the migrations (tables, indexes, triggers), and the scripts that make and time the scale
 * bench's import. Tests are left out: they change no import.
 */
const IMPORT_CODE = [
  'server/src/features/import',
  'server/src/features/counts',
  'server/src/db',
  'server/src/lib',
  'server/migrations',
  'scripts/bench/scale-import-child.ts',
  'scripts/make-synthetic-data.ts',
]

async function filesUnder(relative: string): Promise<string[]> {
  const absolute = path.join(projectRoot, relative)
  if (!(await fs.stat(absolute)).isDirectory()) return [relative]
  const entries = await fs.readdir(absolute, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(projectRoot, path.join(entry.parentPath, entry.name)))
}

/**
 * A digest of the import code as it is on disk (uncommitted edits included, unlike a commit id), so that figures
 * recorded with other code are not shown as this code's: 16 hex digits of SHA-256 over each file's path and content.
 */
export async function importCodeFingerprint(): Promise<string> {
  const files = (await Promise.all(IMPORT_CODE.map(filesUnder))).flat().filter((file) => !/\.test\.ts$/.test(file)).sort()
  const hash = crypto.createHash('sha256')
  for (const file of files) hash.update(`${file}\0`).update(await fs.readFile(path.join(projectRoot, file))).update('\0')
  return hash.digest('hex').slice(0, 16)
}
