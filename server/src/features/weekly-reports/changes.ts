import type { WeeklyReport } from './schemas.js'

/** The most differences a re-issue lists by name; the rest are counted. */
const LISTED = 12

/**
 * What a re-issue changed against the version before, in words: each figure that differs, named by what a reader
 * sees ("Burglary: 12 → 14"), from the tables a reader compares; the map and the caveats only as "changed".
 */
export function describeChanges(before: WeeklyReport, after: WeeklyReport): string {
  const found: string[] = []
  const compare = (label: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) found.push(`${label}: ${show(a)} → ${show(b)}`)
  }
  compare('total', before.total.count, after.total.count)
  keyed(before.categories, after.categories, (row) => row.category, (key, a, b) => compare(key, a?.count, b?.count))
  keyed(before.trend, after.trend, (row) => row.period, (key, a, b) => compare(`trend ${key}`, a?.total, b?.total))
  keyed(before.locations, after.locations, (row) => row.name, (key, a, b) => compare(key, a?.count, b?.count))
  keyed(before.tasks, after.tasks, (row) => `task ${row.id}`, (key, a, b) => {
    compare(`${key} visits`, a?.visits, b?.visits)
    compare(`${key} status`, a?.status, b?.status)
  })
  compare('CCTV share', before.cctv.share, after.cctv.share)
  compare('contacts', before.contacts.map((each) => each.name).join(', '), after.contacts.map((each) => each.name).join(', '))
  if (JSON.stringify(before.map) !== JSON.stringify(after.map)) found.push('map changed')
  if (JSON.stringify(before.caveats) !== JSON.stringify(after.caveats)) found.push('caveats changed')
  if (found.length === 0) return 'no figure changed'
  const listed = found.slice(0, LISTED).join('; ')
  return found.length > LISTED ? `${listed}; and ${found.length - LISTED} more` : listed
}

function show(value: unknown): string {
  if (value === undefined) return 'none'
  if (value === null) return 'not given'
  return String(value)
}

function keyed<T>(a: T[], b: T[], key: (row: T) => string, each: (key: string, a: T | undefined, b: T | undefined) => void) {
  const left = new Map(a.map((row) => [key(row), row]))
  const right = new Map(b.map((row) => [key(row), row]))
  for (const name of new Set([...left.keys(), ...right.keys()])) each(name, left.get(name), right.get(name))
}
