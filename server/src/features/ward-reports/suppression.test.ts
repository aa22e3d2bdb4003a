import { describe, expect, it } from 'vitest'
import { protectTable, suppressCount } from './suppression.js'

describe('suppressCount', () => {
  it('shows counts at or above the threshold and hides those below it, zero included', () => {
    expect([0, 1, 2, 3, 4, 250].map((value) => suppressCount(value, 3))).toEqual(['<3', '<3', '<3', 3, 4, 250])
  })

  it('follows the configured threshold', () => {
    expect([4, 5, 6].map((value) => suppressCount(value, 6))).toEqual(['<6', '<6', 6])
    expect([0, 1].map((value) => suppressCount(value, 1))).toEqual(['<1', 1])
  })
})

describe('protectTable', () => {
  it('shows everything when nothing is small', () => {
    expect(protectTable([40, 3, 12], 3)).toEqual({ cells: [40, 3, 12], total: 55 })
  })

  it('shows a total beside a small count only as the shown counts\u2019 sum, a lower bound', () => {
    expect(protectTable([40, 2, 7, 12], 3)).toEqual({ cells: [40, '<3', 7, 12], total: '>=59' })
    expect(protectTable([4, 0, 0, 0], 3)).toEqual({ cells: [4, '<3', '<3', '<3'], total: '>=4' })
  })

  it('hides a total under the threshold with every value', () => {
    expect(protectTable([1, 0, 1], 3)).toEqual({ cells: ['<3', '<3', '<3'], total: '<3' })
  })

  it('gives the threshold as the bound when every value is small but the total is not', () => {
    expect(protectTable([2, 2, 1], 3)).toEqual({ cells: ['<3', '<3', '<3'], total: '>=3' })
  })

  /**
   * A reader who knows this rule: every table of small values that gives the same output is one the reader cannot
   * rule out. Grouping every table by its output, each `<T` must take every value 0…T-1 within its group.
   */
  it.each([
    [3, 3, 8],
    [4, 3, 6],
    [5, 3, 4],
    [4, 5, 7],
  ])('leaves every small value anywhere in 0…T-1 to a reader who knows the rule (%i values, T=%i, up to %i)', (length, threshold, largest) => {
    const groups = new Map<string, number[][]>()
    const visit = (prefix: number[]) => {
      if (prefix.length === length) {
        const key = JSON.stringify(protectTable(prefix, threshold))
        groups.set(key, [...(groups.get(key) ?? []), prefix])
        return
      }
      for (let value = 0; value <= largest; value += 1) visit([...prefix, value])
    }
    visit([])
    let checked = 0
    for (const [shown, tables] of groups) {
      const { cells } = JSON.parse(shown) as { cells: (number | string)[] }
      cells.forEach((cell, index) => {
        if (cell !== `<${threshold}`) return
        const seen = new Set(tables.map((table) => table[index]))
        expect([...seen].sort((a, b) => a - b), `${shown}, cell ${index}`).toEqual(Array.from({ length: threshold }, (_, value) => value))
        checked += 1
      })
    }
    expect(checked).toBeGreaterThan(10)
  })
})
