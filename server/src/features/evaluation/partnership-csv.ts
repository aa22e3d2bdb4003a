import type { Partnership } from './schemas.js'

/**
 * The partnership view as CSV: one row per task with its WDD on counts and harm, then one row for all targeted areas
 * against the rest of their councils. Text a spreadsheet would run as a formula gets a leading apostrophe (as the
 * client's exports do: shared/format.ts csvField).
 */
export function csvField(value: string | number | null): string {
  if (value === null) return ''
  let text = typeof value === 'number' ? String(Number.isInteger(value) ? value : Number(value.toFixed(6))) : value
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export const PARTNERSHIP_CSV_HEADER = [
  'row', 'task id', 'title', 'status', 'start date', 'end date', 'months each side', 'before from', 'before to', 'after from', 'after to',
  'task area before', 'task area after', 'ring before', 'ring after', 'control before', 'control after',
  'WDD (incidents)', 'SE', 'z', 'p', 'WDD (harm)', 'harm SE', 'harm z', 'harm p', 'reading', 'note',
]

const direction = { fewer: 'fewer than the control\u2019s change gives', more: 'more than the control\u2019s change gives', same: 'as the control\u2019s change gives' }

export function partnershipCsv(partnership: Partnership): string {
  const lines: Array<Array<string | number | null>> = [PARTNERSHIP_CSV_HEADER]
  for (const task of partnership.tasks) {
    const e = task.evaluation
    const chance = e === null ? '' : e.beyondChanceAt === null ? 'within chance' : `beyond chance at ${e.beyondChanceAt}%`
    lines.push([
      'task', task.id, task.title, task.status, task.startDate, task.endDate,
      ...(e === null
        ? Array<null>(20).fill(null)
        : [
            e.months, e.before.from, e.before.to, e.after.from, e.after.to,
            ...e.counts.treated, ...e.counts.buffer, ...e.counts.control,
            e.wdd.count.estTotal, e.wdd.count.seTotal, e.wdd.count.z, e.wdd.count.p,
            e.wdd.harm.estTotal, e.wdd.harm.seTotal, e.wdd.harm.z, e.wdd.harm.p,
            `${direction[e.direction]}; ${chance}`,
          ]),
      task.note,
    ])
  }
  const t = partnership.targeted
  const words =
    t.relative === null
      ? ''
      : `all targeted areas ${t.counts.targeted[0]} to ${t.counts.targeted[1]}; the rest of their councils' change would give ${t.expected!.toFixed(1)}; ${(t.relative * 100).toFixed(1)}% against that`
  lines.push([
    'all targeted areas', '', 'All targeted areas against the rest of their councils', '', partnership.period.from, partnership.period.to, '',
    partnership.previous.from, partnership.previous.to, partnership.period.from, partnership.period.to,
    ...t.counts.targeted, null, null, ...t.counts.rest,
    null, null, null, null, null, null, null, null, words, t.note,
  ])
  return lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n'
}
