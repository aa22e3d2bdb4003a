import { describe, expect, it } from 'vitest'
import { describeKeyTimes, emptyKeyTimes, keyTimesFromBits, keyTimesToBits } from './key-times.js'

describe('key times', () => {
  it('are 168 bits, bit day × 24 + hour, Monday first, and come back as they went', () => {
    const grid = emptyKeyTimes()
    grid[0][0] = true // Monday 00:00
    grid[4][18] = true // Friday 18:00
    grid[6][23] = true // Sunday 23:00
    const bits = keyTimesToBits(grid)
    expect(bits).toHaveLength(168)
    expect([...bits].flatMap((bit, index) => (bit === '1' ? [index] : []))).toEqual([0, 4 * 24 + 18, 167])
    expect(keyTimesFromBits(bits)).toEqual(grid)
    expect(() => keyTimesFromBits('01')).toThrow(/168 bits/)
  })

  it('read in words, each day\u2019s hours as ranges', () => {
    const grid = emptyKeyTimes()
    for (const hour of [18, 19, 20, 21, 22, 23]) grid[4][hour] = true
    grid[5][0] = true
    grid[5][1] = true
    grid[5][20] = true
    expect(describeKeyTimes(grid)).toBe('Fri 18:00–24:00; Sat 00:00–02:00, 20:00–21:00')
    expect(describeKeyTimes(emptyKeyTimes())).toBe('none')
  })
})
