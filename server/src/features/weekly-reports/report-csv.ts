import { csvField } from '../evaluation/partnership-csv.js'
import type { WeeklyReport } from './schemas.js'

/**
 * The report's tables as one CSV: a `table` column says which (counts, trend, locations, tasks, cctv), and each count
 * is as the report shows it, "<3" and ">=N" included: the CSV is the published report, never its raw figures.
 */
export function reportCsv(report: WeeklyReport, meta: { version: number; contentHash: string }): string {
  const lines: Array<Array<string | number | null>> = [
    ['table', 'ward', 'period', 'name', 'count', 'previous', 'in words', 'target', 'delivered', 'minutes target', 'minutes delivered', 'status', 'outcome'],
  ]
  const ward = `${report.ward.name} (${report.ward.code})`
  const period = report.period.id
  const row = (table: string, name: string, count: number | string | null, previous: number | string | null, words: string | null, rest: Array<string | number | null> = []) =>
    lines.push([table, ward, period, name, count, previous, words, ...rest])
  row('counts', 'all categories', report.total.count, report.total.previous, report.total.words)
  for (const each of report.categories) row('counts', each.category, each.count, null, each.words)
  for (const each of report.trend) lines.push(['trend', ward, each.period, 'all categories', each.total])
  for (const each of report.locations) row('locations', each.name, each.count, each.previous, each.words)
  for (const task of report.tasks) {
    row('tasks', task.title, null, null, null, [task.visitsTarget, task.visits, task.minutesTarget, task.minutes, task.status, task.outcome])
  }
  row('cctv', 'incidents where a working camera can see', report.cctv.covered, null, report.cctv.words)
  row('cctv', 'incidents', report.cctv.incidents, null, report.cctv.share === null ? null : `${Math.round(report.cctv.share * 100)}%`)
  row('resident reports', 'resident reports', null, null, report.residentReports.words)
  lines.push(['published', ward, period, `version ${meta.version}`, null, null, `sha256 ${meta.contentHash}`])
  return `${lines.map((line) => line.map((value) => csvField(value === undefined ? null : value)).join(',')).join('\r\n')}\r\n`
}
