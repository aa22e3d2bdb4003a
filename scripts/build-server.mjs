// npm run build:server: the server, its worker threads and the import command as JavaScript in dist/, which node
// runs without tsx (npm start, the Docker image). Each module is transpiled on its own, not bundled, so each keeps its
// import.meta.url: the .sql files read beside a module are copied beside it, and config.ts finds the project root
// (migrations, geodata, the built client) above dist/ as it does above server/src/.
import fs from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'

const root = path.resolve(import.meta.dirname, '..')
const outdir = path.join(root, 'dist')
const serverFiles = fs.readdirSync(path.join(root, 'server/src'), { recursive: true }).map((file) => path.join('server/src', String(file)))
const entryPoints = [...serverFiles.filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts')), 'scripts/import.ts']

fs.rmSync(outdir, { recursive: true, force: true })
await build({ entryPoints, outdir, outbase: root, absWorkingDir: root, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' })
for (const file of serverFiles.filter((file) => file.endsWith('.sql'))) {
  fs.mkdirSync(path.join(outdir, path.dirname(file)), { recursive: true })
  fs.copyFileSync(path.join(root, file), path.join(outdir, file))
}
console.log(`built ${entryPoints.length} modules into ${path.relative(root, outdir)}/ (server: dist/server/src/main.js, import: dist/scripts/import.js)`)
