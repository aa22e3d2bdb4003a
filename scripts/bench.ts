// npm run bench [-- import|hexes|hotspots|tasks|meetings|evaluation|cctv|timed|weekly|report-form|load|startup|scale]: import rate against COPY,
// /api/hexes latency against its bare SQL, hotspot analysis time (worked out afresh, and cached) against its aggregation
// query, the task list with dosage for 1,000 tasks and 20,000 visits, the JAG agenda, one task's evaluation, CCTV
// coverage, gaps and placement, 1 million timed rows imported and their demand grid, weekly ward reports (one ward's
// data, one PDF, every ward), the public report form's bytes and time to usable on a slow connection, a heavy analysis under load, the
// first embedded start, and the count routes and the import at 1×, 4× and 12× the real data (scale: synthetic sets, one
// database each; BENCH_SCALES=1,4 for some). Prints PASS/MISS against each target but exits 0 whatever the figures: a benchmark, not a test.
import os from 'node:os'
import { runCctvBench } from './bench/cctv-bench.js'
import { benchDatabaseUrl, ensureBenchDatabase, printableUrl } from './bench/bench-database.js'
import { runEvaluationBench } from './bench/evaluation-bench.js'
import { runHexesBench } from './bench/hexes-bench.js'
import { runHotspotsBench } from './bench/hotspots-bench.js'
import { runImportBench } from './bench/import-bench.js'
import { runLoadBench } from './bench/load-bench.js'
import { runMeetingsBench } from './bench/meetings-bench.js'
import { runReportFormBench } from './bench/report-form-bench.js'
import { runScaleBench } from './bench/scale-bench.js'
import { describeMachine } from './bench/machine.js'
import { heading, keyValues, recordedVerdicts } from './bench/report.js'
import { runStartupBench } from './bench/startup-bench.js'
import { runTasksBench } from './bench/tasks-bench.js'
import { runTimedBench } from './bench/timed-bench.js'
import { runWeeklyBench } from './bench/weekly-bench.js'

const SECTIONS = ['import', 'hexes', 'hotspots', 'tasks', 'meetings', 'evaluation', 'cctv', 'timed', 'weekly', 'report-form', 'load', 'startup', 'scale'] as const
type Section = (typeof SECTIONS)[number]

const asked = process.argv.slice(2).filter((arg) => arg !== '--')
const unknown = asked.filter((arg) => !(SECTIONS as readonly string[]).includes(arg))
if (unknown.length > 0) {
  console.error(`usage: npm run bench [-- ${SECTIONS.join('|')} …]   (unknown: ${unknown.join(', ')})`)
  process.exit(2)
}
// scale imports 3.2 million rows the first time: only when asked for.
const sections: Section[] = asked.length > 0 ? SECTIONS.filter((section) => asked.includes(section)) : SECTIONS.filter((section) => section !== 'scale')

const target = benchDatabaseUrl()
const usesServer = sections.some((section) => section !== 'startup')
if (usesServer) await ensureBenchDatabase(target)

console.log(`Patrolmap benchmark, ${new Date().toISOString()} — sections: ${sections.join(', ')}`)
keyValues([
  ...(await describeMachine(target.url)),
  ...(usesServer ? [['bench db', `${printableUrl(target.url)} (the bench's own: its patrolmap schema is dropped and rebuilt when needed)`] as [string, string]] : []),
])

const failures: string[] = []
for (const section of sections) {
  try {
    if (section === 'import') await runImportBench(target.url)
    if (section === 'hexes') await runHexesBench(target.url)
    if (section === 'hotspots') await runHotspotsBench(target.url)
    if (section === 'tasks') await runTasksBench(target.url)
    if (section === 'meetings') await runMeetingsBench(target.url)
    if (section === 'evaluation') await runEvaluationBench(target.url)
    if (section === 'cctv') await runCctvBench(target.url)
    if (section === 'timed') await runTimedBench(target.url)
    if (section === 'weekly') await runWeeklyBench(target.url)
    if (section === 'report-form') await runReportFormBench(target.url)
    if (section === 'load') await runLoadBench(target.url)
    if (section === 'startup') await runStartupBench()
    if (section === 'scale') await runScaleBench(target.url)
  } catch (error) {
    failures.push(section)
    heading(`${section}: could not be measured`)
    console.log(`   ${(error as Error).stack ?? error}`)
  }
}

const verdicts = recordedVerdicts()
heading('Targets')
console.log(`   ${verdicts.filter((v) => v.verdict === 'PASS').length} PASS, ${verdicts.filter((v) => v.verdict === 'MISS').length} MISS` +
  (failures.length > 0 ? `; not measured: ${failures.join(', ')}` : ''))
console.log(`   load average at the end: ${os.loadavg().map((load) => load.toFixed(2)).join(', ')} (1, 5, 15 min)`)
for (const { target: name } of verdicts.filter((v) => v.verdict === 'MISS')) console.log(`   MISS  ${name}`)
// A missed target is a finding, not a failure; only a section that could not run at all fails the command.
process.exit(failures.length > 0 ? 1 : 0)
