import { createPool, poolConfig } from '../server/src/db/pool.js'
import { StudyAreas } from '../server/src/features/hotspots/study-area.js'
import { loadHotspotInputs } from '../server/src/features/hotspots/hotspot-inputs.js'
import { giStarOn } from '../server/src/features/hotspots/gistar-analysis.js'
import { emergingOfCells } from '../server/src/features/hotspots/emerging-analysis.js'
import { hotspotSign } from '../server/src/features/hotspots/stats/hotspot-class.js'
import { rankProblemLocations } from '../server/src/features/hotspots/problem-locations.js'
const pool = createPool(poolConfig('postgres://postgres@127.0.0.1:5432/patrolmap_bench', { max: 4, statementTimeoutMs: 60000 }))
const areas = new StudyAreas()
const req = { filter: [null, null, process.argv[2] ? [process.argv[2]] : null, null] as any, councils: null, res: 9, k: 1, fdr: true, measure: 'count' as const }
const t: Record<string, number[]> = {}
const add = (k: string, v: number) => (t[k] ??= []).push(v)
for (let i = 0; i < 45; i++) {
  let a = performance.now()
  const area = await areas.get(pool, null, 9, 1)
  let b = performance.now(); add('area', b - a); a = b
  const inputs = await loadHotspotInputs(pool, area, req, { from: '2023-01', to: '2025-11' })
  b = performance.now(); add('inputs', b - a); a = b
  const g = giStarOn(area, inputs.totals, true)
  b = performance.now(); add('gistar', b - a); a = b
  const e = emergingOfCells(area, inputs.monthly, true, g.classes.flatMap((c, i) => hotspotSign(c) === 1 ? [i] : []))
  b = performance.now(); add('emerging', b - a); a = b
  const r = rankProblemLocations(g, inputs, { measure: 'count', halfLifeMonths: 6, recentMonths: 6, emergingOf: (c) => e.get(area.indexOf.get(c)!)!.category })
  b = performance.now(); add('rank', b - a); a = b
}
for (const [k, v] of Object.entries(t)) { const s = v.slice(5).sort((x, y) => x - y); console.log(k.padEnd(10), 'p50', s[Math.floor(s.length / 2)].toFixed(1), 'p95', s[Math.floor(s.length * 0.95)].toFixed(1)) }
await pool.end()
