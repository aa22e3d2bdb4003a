/**
 * Greedy maximal covering: pick `count` candidates, each time the one adding most weight not yet covered (ties: the
 * lower index). Lazy evaluation (CELF): a candidate's gain only falls as others are picked, so a stale gain that still
 * tops the queue after being refreshed is the best. Greedy is optimal for one pick and for disjoint candidates, and
 * never below (1 − 1/e) of the optimum (Nemhauser, Wolsey and Fisher 1978); greedy-cover.test.ts checks both against
 * brute force. Stops early when no candidate adds anything.
 */
export function greedyCover(candidates: readonly (readonly number[])[], weights: Float64Array, count: number): { picks: number[]; gains: number[] } {
  const covered = new Uint8Array(weights.length)
  const gainOf = (candidate: number) => {
    let gain = 0
    for (const point of new Set(candidates[candidate])) if (!covered[point]) gain += weights[point]
    return gain
  }
  // [gain, candidate, round the gain was worked out in]
  let queue: [number, number, number][] = candidates.map((_, index) => [gainOf(index), index, 0])
  const order = (a: [number, number, number], b: [number, number, number]) => b[0] - a[0] || a[1] - b[1]
  queue.sort(order)
  const picks: number[] = []
  const gains: number[] = []
  for (let round = 0; round < count && queue.length > 0; ) {
    const top = queue[0]
    if (top[2] !== round) {
      top[0] = gainOf(top[1])
      top[2] = round
      // Back into place: the refreshed gain can only have fallen.
      let at = 0
      while (at + 1 < queue.length && order(queue[at], queue[at + 1]) > 0) {
        ;[queue[at], queue[at + 1]] = [queue[at + 1], queue[at]]
        at += 1
      }
      continue
    }
    if (top[0] <= 0) break
    picks.push(top[1])
    gains.push(top[0])
    for (const point of candidates[top[1]]) covered[point] = 1
    queue = queue.slice(1)
    round += 1
  }
  return { picks, gains }
}

/** The weight `chosen` candidates cover together: brute force's measure, and the test's. */
export function coveredWeight(candidates: readonly (readonly number[])[], weights: Float64Array, chosen: readonly number[]): number {
  const points = new Set(chosen.flatMap((candidate) => candidates[candidate]))
  let total = 0
  for (const point of points) total += weights[point]
  return total
}
