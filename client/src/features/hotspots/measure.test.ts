import { describe, expect, it } from 'vitest'
import { formatMeasured, formatMeasureValue, measureHeading, measuredValue, measureNoun } from './measure'

describe('measure words', () => {
  it('count incidents in whole numbers, singular for one', () => {
    expect(formatMeasured(1, 'count')).toBe('1 incident')
    expect(formatMeasured(1234, 'count')).toBe('1,234 incidents')
    expect(measureHeading('count')).toBe('Incidents')
    expect(measureNoun('count')).toBe('incidents')
  })

  it('show harm whole from 10 up and to one decimal below, since weights have decimals', () => {
    expect(formatMeasureValue(12345.67, 'harm')).toBe('12,346')
    expect(formatMeasureValue(7.25, 'harm')).toBe('7.3')
    expect(formatMeasureValue(0, 'harm')).toBe('0')
    expect(formatMeasured(709.25, 'harm')).toBe('harm 709')
    expect(measureHeading('harm')).toBe('Harm')
    expect(measureNoun('harm')).toBe('harm')
  })

  it('pick the value on the measure', () => {
    expect(measuredValue({ incidents: 3, harm: 1500 }, 'count')).toBe(3)
    expect(measuredValue({ incidents: 3, harm: 1500 }, 'harm')).toBe(1500)
  })
})
