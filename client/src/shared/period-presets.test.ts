import { describe, expect, it } from 'vitest'
import { choiceOf, describePreset, isPeriodPreset, periodOptionOf, presetMonths, requestRange, shownRange } from './period-presets'

const data = { from: '2023-01', to: '2025-11' }
const preset = (name: 'last-month' | 'last-3-months' | 'last-12-months') => ({ preset: name, from: null, to: null })

describe('presets', () => {
  it('are the latest months of the data', () => {
    expect(presetMonths('last-month', data)).toEqual({ from: '2025-11', to: '2025-11' })
    expect(presetMonths('last-3-months', data)).toEqual({ from: '2025-09', to: '2025-11' })
    expect(presetMonths('last-12-months', data)).toEqual({ from: '2024-12', to: '2025-11' })
  })

  it('follow new data: the same preset is later months once a later month is imported', () => {
    expect(presetMonths('last-3-months', { ...data, to: '2026-01' })).toEqual({ from: '2025-11', to: '2026-01' })
  })

  it('take every month when the data is shorter than the preset', () => {
    expect(presetMonths('last-12-months', { from: '2024-01', to: '2024-03' })).toEqual({ from: '2024-01', to: '2024-03' })
  })

  it('are asked for with open ends where they reach the data\u2019s ends, and wait for the data\u2019s months', () => {
    expect(requestRange(preset('last-3-months'), data)).toEqual({ from: '2025-09', to: null })
    expect(requestRange(preset('last-12-months'), { from: '2025-01', to: '2025-11' })).toEqual({ from: null, to: null })
    expect(requestRange(preset('last-month'), null)).toBeNull()
  })

  it('leave a range and "all" as they are', () => {
    expect(requestRange({ preset: null, from: '2024-02', to: '2024-05' }, null)).toEqual({ from: '2024-02', to: '2024-05' })
    expect(requestRange({ preset: null, from: null, to: null }, data)).toEqual({ from: null, to: null })
    expect(shownRange({ preset: null, from: null, to: '2024-05' }, data)).toEqual({ from: '2023-01', to: '2024-05' })
    expect(shownRange({ preset: null, from: null, to: null }, null)).toBeNull()
  })

  it('say under the picker that a preset moves on with new data', () => {
    expect(describePreset(preset('last-3-months'))).toBe('Moves on with new data, in shared links too.')
    expect(describePreset({ preset: null, from: '2024-02', to: '2024-02' })).toBeNull()
  })

  it('are one of the picker\u2019s options, beside all months and custom months', () => {
    expect(periodOptionOf(preset('last-month'))).toBe('last-month')
    expect(periodOptionOf({ preset: null, from: null, to: null })).toBe('all')
    expect(periodOptionOf({ preset: null, from: '2024-01', to: null })).toBe('custom')
    expect(choiceOf('last-12-months', { preset: null, from: '2024-01', to: '2024-03' }, data)).toEqual(preset('last-12-months'))
    expect(choiceOf('all', preset('last-month'), data)).toEqual({ preset: null, from: null, to: null })
    // Custom from a preset fixes the months it showed; from custom it changes nothing.
    expect(choiceOf('custom', preset('last-3-months'), data)).toEqual({ preset: null, from: '2025-09', to: '2025-11' })
    expect(choiceOf('custom', { preset: null, from: '2024-01', to: null }, data)).toEqual({ preset: null, from: '2024-01', to: null })
    expect(choiceOf('custom', { preset: null, from: null, to: null }, data)).toEqual({ preset: null, ...data })
  })

  it('are read from the address only when known', () => {
    expect(isPeriodPreset('last-3-months')).toBe(true)
    expect(isPeriodPreset('last-2-months')).toBe(false)
    expect(isPeriodPreset(null)).toBe(false)
  })
})
