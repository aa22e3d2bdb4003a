import { describe, expect, it } from 'vitest'
import type { TypeDefault } from './cctv-api'
import { defaultsChangeFrom, defaultsFormOf } from './type-defaults-form'

const fixed: TypeDefault = { type: 'fixed', mountingHeightM: 6, bearingDeg: 0, fovDeg: 60, rangeM: 60, radiusM: 500, basis: 'seeded', updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: null, assumedCameras: 3 }

describe('the type defaults form', () => {
  it('sends only the values of the type\u2019s own parameters that changed', () => {
    const form = { ...defaultsFormOf(fixed), rangeM: '80', radiusM: '900' }
    expect(defaultsChangeFrom(fixed, form)).toEqual({ ok: true, value: { type: 'fixed', rangeM: 80 } })
  })

  it('sends nothing when nothing changed', () => {
    expect(defaultsChangeFrom(fixed, defaultsFormOf(fixed))).toEqual({ ok: true, value: null })
  })

  it('refuses an empty or out-of-range value with a reason', () => {
    expect(defaultsChangeFrom(fixed, { ...defaultsFormOf(fixed), rangeM: ' ' })).toMatchObject({ ok: false, message: expect.stringMatching(/cannot be empty/) })
    expect(defaultsChangeFrom(fixed, { ...defaultsFormOf(fixed), fovDeg: '400' })).toMatchObject({ ok: false, message: expect.stringMatching(/Field of view/) })
    expect(defaultsChangeFrom(fixed, { ...defaultsFormOf(fixed), bearingDeg: '360' })).toEqual({ ok: true, value: null })
  })
})
