import { describe, expect, it } from 'vitest'
import { changedView, newView, type TypeDefaultValues } from './camera-values.js'
import { parseCsvRows } from './csv-rows.js'

const DEFAULTS: TypeDefaultValues = {
  fixed: { mountingHeightM: 6, bearingDeg: 0, fovDeg: 60, rangeM: 60, radiusM: 60 },
  ptz: { mountingHeightM: 8, bearingDeg: 0, fovDeg: 360, rangeM: 100, radiusM: 100 },
  redeployable: { mountingHeightM: 5, bearingDeg: 0, fovDeg: 90, rangeM: 60, radiusM: 60 },
  drone: { mountingHeightM: 120, bearingDeg: 0, fovDeg: 360, rangeM: 500, radiusM: 500 },
}

describe('view values', () => {
  it('a new camera takes what is given and the type default for the rest, flagged assumed', () => {
    expect(newView('fixed', { bearingDeg: 90, rangeM: null }, DEFAULTS)).toEqual({
      view: { mountingHeightM: 6, bearingDeg: 90, fovDeg: 60, rangeM: 60, radiusM: 60 },
      assumed: { mountingHeightM: true, bearingDeg: false, fovDeg: true, rangeM: true, radiusM: true },
    })
  })

  it('an edit keeps known values across a change of type; assumed ones follow the new type; null restores the default', () => {
    const current = newView('fixed', { bearingDeg: 90 }, DEFAULTS)
    const ptz = changedView({ type: 'fixed', ...current }, 'ptz', {}, DEFAULTS)
    expect(ptz.view).toEqual({ mountingHeightM: 8, bearingDeg: 90, fovDeg: 360, rangeM: 100, radiusM: 100 })
    expect(ptz.assumed.bearingDeg).toBe(false)
    const reset = changedView({ type: 'fixed', ...current }, 'fixed', { bearingDeg: null, rangeM: 45 }, DEFAULTS)
    expect(reset.view).toMatchObject({ bearingDeg: 0, rangeM: 45 })
    expect(reset.assumed).toMatchObject({ bearingDeg: true, rangeM: false })
  })
})

describe('CSV rows', () => {
  it('numbers rows as a spreadsheet does: blank lines count, quoted line breaks stay in their row', () => {
    const { rows, problem } = parseCsvRows('\ufeffa,b\r\n1,"x, y"\n\n2,"two\nlines"\n3,"say ""hi"""')
    expect(problem).toBeNull()
    expect(rows).toEqual([
      { row: 1, fields: ['a', 'b'] },
      { row: 2, fields: ['1', 'x, y'] },
      { row: 4, fields: ['2', 'two\nlines'] },
      { row: 6, fields: ['3', 'say "hi"'] },
    ])
    expect(parseCsvRows('a\n"open').problem).toMatch(/row 2/)
  })
})
