import { LRUCache } from 'lru-cache'
import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'

const analysisVersion = loadQuery(import.meta.url, 'analysis-version.sql')

/** How an answer was found: worked out for this request, taken from the cache, or shared with an identical request under way. */
export type AnalysisOutcome = 'computed' | 'cached' | 'shared'

/** Answer header of every cached analysis route: its AnalysisOutcome. */
export const ANALYSIS_HEADER = 'patrolmap-analysis'

/** Room for the serialised answers: the largest (Gi* on every res-10 cell) is a few MB; most are a few kB. */
const MAX_CACHED_CHARACTERS = 64 * 1024 * 1024

/**
 * Answers of the hotspot analyses, serialised, per data version and parameters. An analysis reads hundreds of thousands
 * of counts and runs Gi* over tens of thousands of cells, and its answer changes only when the data or the harm weights
 * do (analysis-version.sql), so each is worked out once per version; identical requests that arrive while it is being
 * worked out wait for that one computation (lru-cache's fetch). Older versions' answers are never asked for again and
 * give way to newer ones, least recently used first.
 */
export class AnalysisCache {
  private readonly answers = new LRUCache<string, string, () => Promise<string>>({
    maxSize: MAX_CACHED_CHARACTERS,
    sizeCalculation: (json) => Math.max(1, json.length),
    fetchMethod: (_key, _stale, { context: compute }) => compute(),
    // An answer pushed out while it is being worked out still goes to the requests waiting for it.
    ignoreFetchAbort: true,
  })

  /** `key`: everything the answer depends on besides the data version (the route and its parameters, normalised). */
  async answer(pool: pg.Pool, key: string, compute: () => Promise<string>): Promise<{ json: string; outcome: AnalysisOutcome }> {
    const { version } = (await pool.query<{ version: string }>(analysisVersion)).rows[0]
    const status: LRUCache.Status<string, string, () => Promise<string>> = {}
    const cacheKey = `${version}|${key}`
    const json = await this.answers.fetch(cacheKey, { context: compute, status })
    if (json === undefined) throw new Error(`no answer for ${key}`)
    if (status.fetch !== 'hit' && status.fetch !== 'inflight') {
      // The version was read before the analysis's own queries: an import or a weights change committed in between
      // would leave an answer from the new data filed under the old version. Kept only if nothing changed meanwhile.
      const after = (await pool.query<{ version: string }>(analysisVersion)).rows[0]
      if (after.version !== version) this.answers.delete(cacheKey)
    }
    return { json, outcome: status.fetch === 'hit' ? 'cached' : status.fetch === 'inflight' ? 'shared' : 'computed' }
  }

  /**
   * Forgets every kept answer, so the next request of each kind is worked out again. For benchmarks, which time the
   * computation (they pass their own cache to buildApp); the app itself never needs it: a new data version does it.
   */
  clear(): void {
    this.answers.clear()
  }
}
