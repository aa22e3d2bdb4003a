// Entry of the reader thread: a worker starts without the parent's TypeScript loader, so it registers tsx (a
// development dependency: compiled, the thread starts from reader-worker.js instead, see lib/worker-entry.ts).
import { register } from 'tsx/esm/api'

register()
await import('./reader-worker.ts')
