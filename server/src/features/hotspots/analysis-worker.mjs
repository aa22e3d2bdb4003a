// Entry of an analysis thread: a worker starts without the parent's TypeScript loader, so it registers tsx (a
// development dependency: compiled, the thread starts from analysis-worker.js instead, see lib/worker-entry.ts).
import { register } from 'tsx/esm/api'

register()
await import('./analysis-worker.ts')
