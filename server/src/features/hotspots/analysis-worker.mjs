// Entry of an analysis thread: a worker starts without the parent's TypeScript loader, so it registers tsx (a
// dependency of the app, which runs its TypeScript sources directly) before loading the analyses.
import { register } from 'tsx/esm/api'

register()
await import('./analysis-worker.ts')
