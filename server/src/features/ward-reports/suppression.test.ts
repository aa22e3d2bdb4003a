import { describe, expect, it } from 'vitest'
import { protectTable, SECONDARY_MARK, suppressCount, type ShownCount } from './suppression.js'

describe('suppressCount', () => {
  it('shows counts at or above the threshold and hides those below it, zero included', () => {
    expect([0, 1, 2, 3, 4, 250].map((value) => suppressCount(value, 3))).toEqual(['<3', '<3', '<3', 3, 4, 250])
  })

  it('follows the configured threshold', () => {
    expect([4, 5, 6].map((value) => suppressCount(value, 6))).toEqual(['<6', '<6', 6])
    expect([0, 1].map((value) => suppressCount(value, 1))).toEqual(['<1', 1])
  })
})

/**
 * Every table of values that a reader could take for the one shown, by brute force (each hidden value from 0 to
 * `cap`), written apart from protectTable's own reasoning. Returns, per cell shown as "<T", the values it can have.
 */
function valuesReaderCannotRuleOut(shown: { cells: ShownCount[]; total: ShownCount }, threshold: number, cap: number): Map<number, Set<number>> {
  const small = `<${threshold}`
  const hidden = shown.cells.flatMap((cell, index) => (typeof cell === 'number' ? [] : [index]))
  const possible = new Map(shown.cells.flatMap((cell, index) => (cell === small ? [[index, new Set<number>()]] : [])))
  const guess = shown.cells.map((cell) => (typeof cell === 'number' ? cell : 0))
  const visit = (position: number) => {
    if (position === hidden.length) {
      const sum = guess.reduce((total, value) => total + value, 0)
      const totalFits = typeof shown.total === 'number' ? sum === shown.total : shown.total === small ? sum < threshold : sum >= threshold
      if (totalFits) for (const [index, values] of possible) values.add(guess[index])
      return
    }
    const index = hidden[position]
    const [low, high] = shown.cells[index] === small ? [0, threshold - 1] : [threshold, cap]
    for (let value = low; value <= high; value += 1) {
      guess[index] = value
      visit(position + 1)
    }
  }
  visit(0)
  return possible
}

/** A small deterministic generator, so a failure names a table that can be run again. */
function* tables(count: number, length: number, largest: number, seed: number): Generator<number[]> {
  let state = seed
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
  for (let made = 0; made < count; made += 1) {
    // Mostly small values, as a quiet ward's month is: zeros and ones beside a few larger counts.
    yield Array.from({ length }, () => (next() < 0.6 ? Math.floor(next() * 3) : Math.floor(next() * (largest + 1))))
  }
}

describe('protectTable', () => {
  it('hides nothing when nothing is small', () => {
    expect(protectTable([40, 3, 12], 3)).toEqual({ cells: [40, 3, 12], total: 55 })
  })

  it('hides the smallest shown value beside a lone small one, when that is enough', () => {
    expect(protectTable([40, 2, 7, 12], 3)).toEqual({ cells: [40, '<3', SECONDARY_MARK, 12], total: 61 })
  })

  it('hides a larger value when the smallest would leave the small one narrowed down', () => {
    // With 3 hidden beside a 0, the two hidden values add to 3 and the 3 is at least 3: the 0 would be known.
    expect(protectTable([0, 3, 9], 3)).toEqual({ cells: ['<3', 3, SECONDARY_MARK], total: 12 })
  })

  it('protects zeros: small values that add to less than T-1 get a secondary, or the reader knows they are 0', () => {
    expect(protectTable([20, 0, 0, 0], 3)).toEqual({ cells: [SECONDARY_MARK, '<3', '<3', '<3'], total: 20 })
  })

  it('needs no secondary when the small values can share their sum every way', () => {
    expect(protectTable([20, 1, 1, 0], 3)).toEqual({ cells: [20, '<3', '<3', '<3'], total: 22 })
  })

  it('hides the total when no choice of shown values is enough', () => {
    expect(protectTable([0, 3, 3], 3)).toEqual({ cells: ['<3', 3, 3], total: SECONDARY_MARK })
  })

  it('hides a total under the threshold with every value', () => {
    expect(protectTable([1, 0, 1], 3)).toEqual({ cells: ['<3', '<3', '<3'], total: '<3' })
  })

  it('is stable: equal values hide the first listed', () => {
    expect(protectTable([5, 0, 5, 1], 3)).toEqual({ cells: [SECONDARY_MARK, '<3', 5, '<3'], total: 11 })
  })

  it.each([
    [3, 3, 9, 1],
    [4, 3, 7, 2],
    [5, 3, 8, 3],
    [4, 5, 12, 4],
  ])('leaves every small value anywhere in 0…T-1 to a reader who solves the table (%i values, T=%i)', (length, threshold, largest, seed) => {
    let checked = 0
    for (const values of tables(400, length, largest, seed)) {
      const shown = protectTable(values, threshold)
      const cap = values.reduce((sum, value) => sum + value, 0) + threshold
      for (const [index, possible] of valuesReaderCannotRuleOut(shown, threshold, cap)) {
        expect([...possible].sort((a, b) => a - b), `${JSON.stringify(values)} → ${JSON.stringify(shown)}, cell ${index}`).toEqual(
          Array.from({ length: threshold }, (_, value) => value),
        )
        checked += 1
      }
      // What is shown is true.
      shown.cells.forEach((cell, index) => typeof cell === 'number' && expect(cell).toBe(values[index]))
    }
    expect(checked).toBeGreaterThan(100)
  })
})
