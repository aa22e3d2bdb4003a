// tsx scripts/make-synthetic-data.ts <directory> <4|12>: police.uk-shaped CSVs (gzip) made from the bundled files in
// geodata/police-uk at a scale factor, for the scale bench (npm run bench -- scale). Never committed: write them under
// /tmp or data/.
//  4×: the 35 months repeated into the three spans of 35 months before them, rows copied with new crime IDs;
// 12×: the same, each row also copied to two moved map points (about 25 m and 50 m east), so 3 × 8,302 points.
// Deterministic: the same input gives the same bytes (crime IDs are SHA-256 of the original ID and the copy).
import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import zlib from 'node:zlib'
import { projectRoot } from '../server/src/config.js'
import { shiftMonth } from '../server/src/lib/months.js'

const SPANS = 4
const MONTHS_PER_SPAN = 35
/** Degrees of longitude each moved copy is shifted by: about 25 m at Cleveland's latitude, a distinct map point. */
const POINT_SHIFT = 0.0004

export async function makeSyntheticData(directory: string, scale: 4 | 12): Promise<string[]> {
  const sourceDir = path.join(projectRoot, 'geodata/police-uk')
  const sources = (await fs.readdir(sourceDir)).filter((name) => name.endsWith('.csv.gz')).sort()
  const pointCopies = scale === 12 ? 3 : 1
  await fs.mkdir(directory, { recursive: true })
  const written: string[] = []
  for (const name of sources) {
    const text = zlib.gunzipSync(await fs.readFile(path.join(sourceDir, name))).toString('utf8')
    const [header, ...lines] = text.split('\n').filter((line) => line.length > 0)
    for (let span = 0; span < SPANS; span++) {
      const out: string[] = [header]
      let month = ''
      for (const line of lines) {
        const fields = line.split(',')
        month = shiftMonth(fields[1], -span * MONTHS_PER_SPAN)
        for (let copy = 0; copy < pointCopies; copy++) {
          const copied = [...fields]
          copied[1] = month
          const variant = span * pointCopies + copy
          if (variant > 0 && copied[0] !== '') copied[0] = crypto.createHash('sha256').update(`${fields[0]}:${variant}`).digest('hex')
          if (copy > 0 && copied[4] !== '') copied[4] = (Number(copied[4]) + copy * POINT_SHIFT).toFixed(6)
          out.push(copied.join(','))
        }
      }
      const file = path.join(directory, `${month}-synthetic-x${scale}-street.csv.gz`)
      await fs.writeFile(file, zlib.gzipSync(out.join('\n') + '\n', { level: 1 }))
      written.push(file)
    }
  }
  return written.sort()
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [directory, scaleArg] = process.argv.slice(2)
  const scale = Number(scaleArg)
  if (!directory || (scale !== 4 && scale !== 12)) {
    console.error('usage: tsx scripts/make-synthetic-data.ts <directory> <4|12>')
    process.exit(2)
  }
  const files = await makeSyntheticData(directory, scale)
  console.log(`${files.length} files in ${directory}`)
}
