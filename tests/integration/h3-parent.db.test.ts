import { cellToParent, getResolution, latLngToCell } from 'h3-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/test-app.js'

// The stored cell is resolution 11; coarser cells come from SQL bit operations and must equal h3-js exactly.
let testApp: TestApp
beforeAll(async () => {
  testApp = await startTestApp()
})
afterAll(() => testApp.close())

/** A small deterministic generator, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296
    return state / 4294967296
  }
}

describe('h3_parent (SQL)', () => {
  it('equals h3-js cellToParent for 5,000 random cells at every coarser resolution', async () => {
    const next = random(42)
    // Points over the whole globe, so every base cell family (including pentagons' neighbours) is likely hit.
    const cells = Array.from({ length: 5000 }, () => latLngToCell(next() * 180 - 90, next() * 360 - 180, 11))
    const result = await testApp.pool.query<{ cell: string; res: number; parent: string }>(
      `SELECT c AS cell, r AS res, h3_to_string(h3_parent(('x' || lpad(c, 16, '0'))::bit(64)::bigint, r)) AS parent
         FROM unnest($1::text[]) AS c, generate_series(0, 11) AS r`,
      [cells],
    )
    expect(result.rows).toHaveLength(cells.length * 12)
    const mismatches = result.rows.filter((row) => row.parent !== cellToParent(row.cell, row.res))
    expect(mismatches.slice(0, 5)).toEqual([])
    expect(result.rows.every((row) => getResolution(row.parent) === row.res)).toBe(true)
  })

  it('maps a stored cell to the same text h3-js uses', async () => {
    const cell = latLngToCell(54.5635, -1.3165, 11)
    const result = await testApp.pool.query('SELECT h3_to_string($1::bigint) AS text', [BigInt(`0x${cell}`).toString()])
    expect(result.rows[0].text).toBe(cell)
  })
})
