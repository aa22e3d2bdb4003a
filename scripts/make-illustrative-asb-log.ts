// tsx scripts/make-illustrative-asb-log.ts [output]: an illustrative timed ASB log for Stockton-on-Tees, written to
// geodata/timed/stockton-illustrative-asb-log.csv unless another path is given. Councils keep such logs (a case
// reference, the date and time a problem was reported, a type, a position); no public one exists for Stockton, so
// this one is made up, and every row says so. The demo load imports it through the shipped profile
// `stockton-illustrative-asb` (migration 020) under the source "Stockton ASB log (illustrative)".
//
// How it is made, deterministically (the same bundled data gives the same file):
// - Which and where: 3 in 5 of the police.uk anti-social behaviour rows in Stockton-on-Tees LSOAs over the last 12
//   bundled months, each moved up to 40 m from its police.uk map point (police.uk snaps positions to map points; a
//   council log records where the caller was), so the log's hot spots are police.uk's.
// - The day of the week: Monday 12%, Tuesday 12%, Wednesday 13%, Thursday 14%, Friday 17%, Saturday 18%, Sunday 14%
//   (ASB calls rise towards the weekend).
// - The hour (UK local time): HOUR_SHAPE below — few calls between 02:00 and 08:00 (about 5% of the day, the share
//   the seeds' partnership found for enforcement calls between midnight and 07:00), a rise through the afternoon after
//   school, the peak between 18:00 and 22:00; on Friday and Saturday nights the evening runs two hours later.
// - The type: a council's usual ASB types in fixed shares (TYPES below), all mapped to Anti-social behaviour.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { projectRoot } from '../server/src/config.js'
import { parseCsvRows } from '../server/src/features/cctv/csv-rows.js'

const MONTHS_KEPT = 12
const KEEP_ONE_IN = 5 / 3
const MAX_MOVE_M = 40
const WEEKDAY_SHARE = [12, 12, 13, 14, 17, 18, 14] // Monday first
/** Relative calls per hour of the day, 00:00 first. */
const HOUR_SHAPE = [3, 2, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 6, 6, 7, 8, 9, 10, 11, 12, 12, 11, 9, 6]
/** Friday and Saturday: the same shape, its evening two hours later (late hours into the small hours of the next day are kept on the day reported). */
const LATE_SHAPE = [6, 4, 2, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 6, 6, 7, 8, 9, 10, 11, 12, 13, 13, 11]
const TYPES: [string, number][] = [
  ['Youth nuisance', 30],
  ['Noise', 20],
  ['Neighbour dispute', 15],
  ['Vehicle nuisance', 12],
  ['Street drinking', 8],
  ['Drug activity', 8],
  ['Other ASB', 7],
]
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** mulberry32: a small seeded generator, so the file is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pick(weights: number[], draw: number): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  let left = draw * total
  for (let index = 0; index < weights.length; index++) {
    left -= weights[index]
    if (left < 0) return index
  }
  return weights.length - 1
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export function makeIllustrativeAsbLog(): string {
  const dir = path.join(projectRoot, 'geodata/police-uk')
  const files = fs.readdirSync(dir).filter((file) => file.endsWith('.csv.gz')).sort().slice(-MONTHS_KEPT)
  const next = random(20251201)
  const lines = ['Case ref,Date reported,Time,Type,Latitude,Longitude,Location,Notes']
  let serial = 0
  for (const name of files) {
    const { rows } = parseCsvRows(zlib.gunzipSync(fs.readFileSync(path.join(dir, name))).toString('utf8'))
    const header = rows[0].fields
    const at = (column: string) => header.indexOf(column)
    const [monthAt, lonAt, latAt, placeAt, lsoaAt, typeAt] = ['Month', 'Longitude', 'Latitude', 'Location', 'LSOA name', 'Crime type'].map(at)
    for (const { fields } of rows.slice(1)) {
      if (fields[typeAt] !== 'Anti-social behaviour' || !fields[lsoaAt].startsWith('Stockton-on-Tees') || !fields[lonAt]) continue
      // Draw every number for every row, kept or not, so one choice never shifts the others.
      const [keep, dayDraw, hourDraw, minuteDraw, typeDraw, angle, distance] = Array.from({ length: 7 }, next)
      if (keep * KEEP_ONE_IN >= 1) continue
      const [year, month] = fields[monthAt].split('-').map(Number)
      const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
      // A weekday by its share, then one of that weekday's dates in the month at random.
      const weekday = pick(WEEKDAY_SHARE, dayDraw)
      const dates = Array.from({ length: days }, (_, index) => index + 1).filter((day) => (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7 === weekday)
      const day = dates[Math.floor(((dayDraw * 7919) % 1) * dates.length)]
      const hour = pick(weekday >= 4 && weekday <= 5 ? LATE_SHAPE : HOUR_SHAPE, hourDraw)
      const minute = Math.floor(minuteDraw * 60)
      const type = TYPES[pick(TYPES.map(([, share]) => share), typeDraw)][0]
      const lat0 = Number(fields[latAt])
      const move = MAX_MOVE_M * Math.sqrt(distance)
      const lat = lat0 + (move * Math.cos(2 * Math.PI * angle)) / 110_574
      const lon = Number(fields[lonAt]) + (move * Math.sin(2 * Math.PI * angle)) / (111_320 * Math.cos((lat0 * Math.PI) / 180))
      serial += 1
      lines.push(
        [
          `SBC-ILL-${String(serial).padStart(5, '0')}`,
          `${String(day).padStart(2, '0')}-${MONTH_NAMES[month - 1]}-${String(year % 100).padStart(2, '0')}`,
          `${String(hour).padStart(2, '0')}${String(minute).padStart(2, '0')}`,
          type,
          lat.toFixed(6),
          lon.toFixed(6),
          fields[placeAt].replace(/^On or near /, ''),
          'Illustrative: made up by scripts/make-illustrative-asb-log.ts, not a real report',
        ]
          .map(csvField)
          .join(','),
      )
    }
  }
  return `${lines.join('\n')}\n`
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const output = process.argv[2] ?? path.join(projectRoot, 'geodata/timed/stockton-illustrative-asb-log.csv')
  const text = makeIllustrativeAsbLog()
  fs.writeFileSync(output, text)
  console.log(`${output}: ${text.trim().split('\n').length - 1} illustrative ASB reports`)
}
