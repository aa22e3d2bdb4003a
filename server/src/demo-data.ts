import fs from 'node:fs/promises'
import path from 'node:path'
import type pg from 'pg'
import { projectRoot } from './config.js'
import { importRegister } from './features/cctv/import-store.js'
import { findProfile, importFiles, importMappedFile, type ImportKind } from './features/import/index.js'

export const demoDataDir = path.join(projectRoot, 'geodata')

export async function demoDataFiles(): Promise<string[]> {
  const boundaries = path.join(demoDataDir, 'boundaries')
  const policeUk = path.join(demoDataDir, 'police-uk')
  const names = async (dir: string) => (await fs.readdir(dir)).sort().map((name) => path.join(dir, name))
  return [...(await names(boundaries)), ...(await names(policeUk))]
}

/** Loads the bundled real data when the database has no incidents yet (a first start, or one cut short). */
export async function loadDemoDataIfEmpty(pool: pg.Pool, log: (message: string) => void): Promise<boolean> {
  const existing = await pool.query('SELECT EXISTS (SELECT 1 FROM incidents) AS any')
  if (existing.rows[0].any) return false
  const files = await demoDataFiles()
  log(`loading the bundled demo data (${files.length} files of real police.uk and ONS data) — first start only`)
  let lastFile = -1
  const summaries = await importFiles(pool, files, {
    audit: { actor: null, via: 'demo data' },
    onProgress: (progress) => {
      if (progress.fileIndex === lastFile) return
      lastFile = progress.fileIndex
      log(`demo data: file ${progress.fileIndex + 1}/${progress.fileCount} (${Math.round((100 * progress.bytesRead) / progress.bytesTotal)}%)`)
    },
  })
  const added = (kind: ImportKind) => summaries.filter((summary) => summary.kind === kind).reduce((sum, summary) => sum + summary.rowsAdded, 0)
  const rejected = summaries.filter((summary) => summary.status === 'rejected')
  for (const summary of rejected) log(`demo data: ${summary.file} rejected: ${summary.message}`)
  log(
    `demo data loaded from ${summaries.length} files: ${added('police-uk-csv').toLocaleString('en-GB')} incidents, ` +
      `${added('ward-geojson')} wards, ${added('council-geojson')} councils`,
  )
  await loadIllustrativeAsbLog(pool, log)
  await loadIllustrativeCctv(pool, log)
  return true
}

/** The illustrative Stockton CCTV register (scripts/make-illustrative-cctv.ts), with the demo data, when the register is empty. */
export const illustrativeCctvFile = path.join(demoDataDir, 'cctv/stockton-illustrative-cctv.csv')

export async function loadIllustrativeCctv(pool: pg.Pool, log: (message: string) => void): Promise<void> {
  const existing = await pool.query('SELECT EXISTS (SELECT 1 FROM cameras) AS any')
  if (existing.rows[0].any) return
  const content = await fs.readFile(illustrativeCctvFile, 'utf8')
  const result = await importRegister(
    pool,
    { fileName: path.basename(illustrativeCctvFile), content, owner: 'Stockton-on-Tees (illustrative)', defaultType: 'fixed', illustrative: true },
    { actor: null, ip: null },
  )
  log(`demo data: ${result.message} (illustrative CCTV register: made up, not real cameras)`)
}

/** The illustrative Stockton ASB log (scripts/make-illustrative-asb-log.ts): timed rows, so the time patterns, key
 * times and playback have something to show on the demo data. Through its shipped profile (migration 020). */
export const illustrativeAsbLogFile = path.join(demoDataDir, 'timed/stockton-illustrative-asb-log.csv')

export async function loadIllustrativeAsbLog(pool: pg.Pool, log: (message: string) => void): Promise<void> {
  const profile = await findProfile(pool, 'stockton-illustrative-asb')
  if (!profile) return
  const summary = await importMappedFile(pool, illustrativeAsbLogFile, profile, { audit: { actor: null, via: 'demo data' } })
  log(`demo data: ${summary.file}: ${summary.message} (illustrative ASB log: made up, not real reports)`)
}
