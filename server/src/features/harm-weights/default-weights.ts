import fs from 'node:fs'
import path from 'node:path'
import Papa from 'papaparse'
import { projectRoot } from '../../config.js'

export const DEFAULT_WEIGHTS_FILE = path.join(projectRoot, 'geodata/harm-weights/harm-weights.csv')

/** The largest weight accepted anywhere (the table's CHECK says the same): above homicide's 7,979 with room to spare. */
export const MAX_HARM_WEIGHT = 100_000

export interface DefaultWeight {
  category: string
  weight: number
  basis: string
}

/**
 * The bundled default weights, checked row by row: a bad file stops the start with the row at fault rather than
 * loading a wrong scale.
 */
export function readDefaultWeights(file = DEFAULT_WEIGHTS_FILE): DefaultWeight[] {
  const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true })
  const name = path.basename(file)
  if (parsed.errors.length > 0) throw new Error(`${name}: row ${parsed.errors[0].row! + 2}: ${parsed.errors[0].message}`)
  const seen = new Set<string>()
  return parsed.data.map((row, index) => {
    const where = `${name}: row ${index + 2}`
    const category = row.category?.trim()
    const weight = Number(row.weight)
    if (!category) throw new Error(`${where}: no category`)
    if (seen.has(category)) throw new Error(`${where}: ${category} is listed twice`)
    if (row.weight?.trim() === '' || !Number.isFinite(weight) || weight < 0 || weight > MAX_HARM_WEIGHT) {
      throw new Error(`${where}: weight must be a number from 0 to ${MAX_HARM_WEIGHT}, not "${row.weight ?? ''}"`)
    }
    if (!row.basis?.trim()) throw new Error(`${where}: no basis (where the weight comes from)`)
    seen.add(category)
    return { category, weight, basis: row.basis.trim() }
  })
}
