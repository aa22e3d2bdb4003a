import { performance } from 'node:perf_hooks'

/** Nearest-rank percentile: always a latency that was actually observed, never an interpolation. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}

/** Runs `work` and returns its result with the wall time it took, in milliseconds. */
export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now()
  const result = await work()
  return { result, ms: performance.now() - started }
}

/** The middle value (the lower of the two middle ones for an even count): an observed figure, as percentile() gives. */
export function median(samples: number[]): number {
  return percentile(samples, 50)
}
