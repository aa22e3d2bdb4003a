// Entry of the reader thread: a worker starts without the parent's TypeScript loader, so it registers tsx (a
// dependency of the app, which runs its TypeScript sources directly) before loading the reader.
import { register } from 'tsx/esm/api'

register()
await import('./police-uk-reader-worker.ts')
