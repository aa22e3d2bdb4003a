import { describe, expect, it } from 'vitest'
import { EMERGING_CATEGORIES, HOTSPOT_CLASSES } from './hotspot-api'
import { EMERGING_CATEGORY_LABELS } from '../../../../server/src/features/hotspots/hotspot-classes'
import { describeEmergingCell } from './hotspot-format'
import {
  EMERGING_COLOURS,
  emergingDefinition,
  emergingFill,
  emergingLegend,
  GISTAR_COLOURS,
  gistarFill,
  gistarLegend,
  hasColdPatterns,
  hasEmergingPatterns,
  hasSignificantCells,
  HOTSPOT_FILL_ALPHA,
} from './hotspot-colours'

const isRed = ([red, green, blue]: number[]) => red > green && red > blue
const isBlue = ([red, , blue]: number[]) => blue > red

describe('Gi* colours', () => {
  it('draws hot classes in reds, darker with more confidence, cold ones in blues, and not significant transparent', () => {
    for (const id of ['hot-99', 'hot-95', 'hot-90'] as const) expect(isRed(gistarFill(id))).toBe(true)
    for (const id of ['cold-99', 'cold-95'] as const) expect(isBlue(gistarFill(id))).toBe(true)
    const lightness = (id: keyof typeof GISTAR_COLOURS) => GISTAR_COLOURS[id]!.reduce((sum, channel) => sum + channel, 0)
    expect(lightness('hot-99')).toBeLessThan(lightness('hot-95'))
    expect(lightness('hot-95')).toBeLessThan(lightness('hot-90'))
    expect(lightness('cold-99')).toBeLessThan(lightness('cold-95'))
    expect(lightness('cold-95')).toBeLessThan(lightness('cold-90'))
    expect(gistarFill('not-significant')).toEqual([0, 0, 0, 0])
    expect(gistarFill('something-else')).toEqual([0, 0, 0, 0])
    expect(gistarFill('hot-99')).toEqual([214, 47, 39, HOTSPOT_FILL_ALPHA])
  })

  it('lists the seven classes hottest first with the answer’s counts', () => {
    const legend = gistarLegend({ 'hot-99': 246, 'hot-95': 64, 'hot-90': 26, 'not-significant': 6280 })
    expect(legend.map((entry) => entry.id)).toEqual([...HOTSPOT_CLASSES])
    expect(legend.map((entry) => entry.count)).toEqual([246, 64, 26, 6280, 0, 0, 0])
    expect(legend[0]).toMatchObject({ label: 'Hot spot 99%', description: 'Hot spot, 99% confidence' })
    expect(legend[3].colour).toBeNull()
    expect(gistarLegend(undefined).every((entry) => entry.count === 0)).toBe(true)
  })

  it('knows when nothing is significant', () => {
    expect(hasSignificantCells({ 'not-significant': 100, 'hot-99': 0 })).toBe(false)
    expect(hasSignificantCells({ 'not-significant': 100, 'cold-90': 1 })).toBe(true)
    expect(hasSignificantCells(undefined)).toBe(false)
  })
})

describe('emerging colours', () => {
  it('gives every pattern its own colour, warm for hot and cool for cold, and no pattern none', () => {
    const drawn = EMERGING_CATEGORIES.filter((id) => id !== 'none')
    const keys = drawn.map((id) => EMERGING_COLOURS[id]!.join(','))
    expect(new Set(keys).size).toBe(drawn.length)
    for (const id of drawn.filter((name) => name.endsWith('-hot') && name !== 'oscillating-hot')) {
      const [red, green, blue] = EMERGING_COLOURS[id]!
      expect(red, id).toBeGreaterThan(blue)
      expect(red, id).toBeGreaterThanOrEqual(green)
    }
    for (const id of ['intensifying-cold', 'persistent-cold', 'consecutive-cold', 'new-cold'] as const) {
      expect(isBlue(EMERGING_COLOURS[id]!), id).toBe(true)
    }
    expect(emergingFill('none')).toEqual([0, 0, 0, 0])
    expect(emergingFill('persistent-hot')[3]).toBe(HOTSPOT_FILL_ALPHA)
  })

  it('names and defines every category', () => {
    expect(EMERGING_CATEGORY_LABELS['persistent-hot']).toBe('Persistent hot spot')
    expect(EMERGING_CATEGORY_LABELS['new-cold']).toBe('New cold spot')
    expect(EMERGING_CATEGORY_LABELS.none).toBe('No pattern')
    for (const id of EMERGING_CATEGORIES) expect(emergingDefinition(id).length, id).toBeGreaterThan(20)
    expect(emergingDefinition('intensifying-cold')).toContain('hot and cold swapped')
  })

  it('names each category in the words the server lists, in the legend and the tooltip', () => {
    const everyCategory = Object.fromEntries(EMERGING_CATEGORIES.map((id) => [id, 1]))
    const legend = emergingLegend(everyCategory)
    const trend = { z: 0, p: 1, direction: 'no trend' }
    for (const id of EMERGING_CATEGORIES) {
      expect(legend.find((entry) => entry.id === id)?.label, id).toBe(EMERGING_CATEGORY_LABELS[id])
      const cell = { h3: '891946092d3ffff', category: id, hotMonths: 0, coldMonths: 0, finalRun: 0, trend }
      expect(describeEmergingCell(cell, 6).title, id).toBe(EMERGING_CATEGORY_LABELS[id])
    }
  })

  it('lists the hot patterns and no pattern, and the cold ones only when a cell has one', () => {
    const counts = { 'new-hot': 68, 'persistent-hot': 81, 'sporadic-hot': 150, none: 6294 }
    const legend = emergingLegend(counts)
    expect(legend.map((entry) => entry.id)).toEqual([
      'new-hot',
      'consecutive-hot',
      'intensifying-hot',
      'persistent-hot',
      'diminishing-hot',
      'sporadic-hot',
      'oscillating-hot',
      'historical-hot',
      'none',
    ])
    expect(legend.find((entry) => entry.id === 'sporadic-hot')?.count).toBe(150)
    expect(hasColdPatterns(counts)).toBe(false)
    const withCold = emergingLegend({ ...counts, 'persistent-cold': 3 })
    expect(withCold).toHaveLength(17)
    expect(withCold.find((entry) => entry.id === 'persistent-cold')?.count).toBe(3)
    expect(hasEmergingPatterns({ none: 10 })).toBe(false)
    expect(hasEmergingPatterns(counts)).toBe(true)
  })
})
