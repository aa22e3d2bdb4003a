/**
 * The entry file of the worker thread `name` beside `moduleUrl`. Run from the TypeScript sources (tsx, vitest), a
 * worker starts without its parent's loader, so it starts from a `.mjs` shim that registers tsx first; compiled
 * (`dist/`, run by node), it starts from its own `.js`.
 */
export function workerEntry(moduleUrl: string, name: string): URL {
  return new URL(moduleUrl.endsWith('.ts') ? `./${name}.mjs` : `./${name}.js`, moduleUrl)
}
