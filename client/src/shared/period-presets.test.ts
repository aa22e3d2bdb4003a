import { describe, expect, it } from 'vitest'
import { describeChoice, isPeriodPreset, presetMonths, requestRange, shownRange } from './period-presets'

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

  it('say in words that a preset stays relative and a range stays fixed', () => {
    expect(describeChoice(preset('last-3-months'), data)).toBe(
      'Sep 2025 – Nov 2025: the last 3 months of data. Kept as \u201clast 3 months\u201d in the link, so it moves on when newer data is imported.',
    )
    expect(describeChoice({ preset: null, from: null, to: null }, data)).toBe('Jan 2023 – Nov 2025: all the data. The link takes in newer data when it is imported.')
    expect(describeChoice({ preset: null, from: '2024-02', to: '2024-02' }, data)).toBe('Feb 2024: fixed months. The link keeps them whatever data is imported later.')
  })

  it('are read from the address only when known', () => {
    expect(isPeriodPreset('last-3-months')).toBe(true)
    expect(isPeriodPreset('last-2-months')).toBe(false)
    expect(isPeriodPreset(null)).toBe(false)
  })
})
