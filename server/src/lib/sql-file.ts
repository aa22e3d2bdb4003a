import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** A named query read once from a `.sql` file beside the feature that owns it; `name` makes it a prepared statement. */
export interface NamedQuery {
  name: string
  text: string
}

export function loadQuery(moduleUrl: string, fileName: string): NamedQuery {
  const filePath = path.join(path.dirname(fileURLToPath(moduleUrl)), fileName)
  // The folder name keeps statement names unique across features.
  const name = `${path.basename(path.dirname(filePath))}.${path.basename(fileName, '.sql')}`
  return { name, text: fs.readFileSync(filePath, 'utf8') }
}
