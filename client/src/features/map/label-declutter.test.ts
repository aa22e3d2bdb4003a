import { describe, expect, it } from 'vitest'
import { declutterLabels, textMeasurer, worldPixel } from './label-declutter'

interface Label {
  name: string
  lon: number
  lat: number
  priority: number
}

function run(labels: Label[], zoom: number) {
  return declutterLabels(labels, {
    zoom,
    position: (label) => [label.lon, label.lat],
    text: (label) => label.name,
    priority: (label) => label.priority,
    measure: (text) => text.length * 7,
    lineHeight: 14,
    gap: 2,
  }).map((label) => label.name)
}

describe('worldPixel', () => {
  it('puts 0,0 at the centre of the world and doubles distances per zoom level', () => {
    expect(worldPixel(0, 0, 0)).toEqual([256, 256])
    const [x10] = worldPixel(-1.23, 54.58, 10)
    const [x11] = worldPixel(-1.23, 54.58, 11)
    expect(x11).toBeCloseTo(x10 * 2, 6)
  })
})

describe('declutterLabels', () => {
  const labels: Label[] = [
    { name: 'Central', lon: -1.231, lat: 54.578, priority: 10 },
    { name: 'Newport', lon: -1.245, lat: 54.574, priority: 50 },
    { name: 'Yarm', lon: -1.356, lat: 54.499, priority: 1 },
  ]

  it('drops the lower-priority label of an overlapping pair when zoomed out', () => {
    expect(run(labels, 10)).toEqual(['Newport', 'Yarm'])
  })

  it('keeps every label once they have room', () => {
    expect(run(labels, 15)).toEqual(['Central', 'Newport', 'Yarm'])
  })

  it('keeps the original order of the labels it keeps', () => {
    const reordered = [labels[2], labels[1], labels[0]]
    expect(run(reordered, 15)).toEqual(['Yarm', 'Newport', 'Central'])
  })
})

describe('textMeasurer', () => {
  it('estimates widths without a DOM', () => {
    expect(textMeasurer('12px sans-serif', 12)('abcd')).toBeCloseTo(4 * 12 * 0.6)
  })
})
