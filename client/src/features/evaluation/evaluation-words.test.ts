import { describe, expect, it } from 'vitest'
import { wdd } from '../../../../server/src/features/evaluation/wdd'
import { chanceWords, evaluationUrl, formatP, localWords, percentChange, ringWords, totalWords } from './evaluation-words'

describe('evaluation words', () => {
  it('reads the total with its p-value', () => {
    const result = { ...wdd({ treated: [40, 22], control: [38, 36], displacementTreated: [20, 21] }) }
    // (22 − 40) − (36 − 38) + (21 − 20) = −15
    expect(totalWords(result, 'count')).toBe(`a fall of 15 incidents beyond the control\u2019s trend; ${formatP(result.p)}, ${chanceWords(result.p)}`)
    expect(totalWords({ ...result, estTotal: 12, p: 0.04 }, 'count')).toBe('a rise of 12 incidents beyond the control\u2019s trend; p = 0.04, unlikely to be chance alone')
    expect(totalWords({ ...result, estTotal: -1, p: 0.5 }, 'count')).toMatch(/^a fall of 1 incident beyond.*could well be chance alone$/)
    expect(totalWords({ ...result, estTotal: -1234.6, p: 0.07 }, 'harm')).toBe('a fall of 1,235 harm points beyond the control\u2019s trend; p = 0.07, possibly more than chance (at the 90% level only)')
  })

  it('formats p-values and percentages', () => {
    expect(formatP(0.0004)).toBe('p < 0.001')
    expect(formatP(0.0042)).toBe('p = 0.004')
    expect(formatP(0.4)).toBe('p = 0.40')
    expect(percentChange(-0.123)).toBe('\u221212%')
    expect(percentChange(0.05)).toBe('+5%')
    expect(percentChange(null)).toBe('no earlier count')
  })

  it('names displacement only beside a fall in the task area', () => {
    const base = wdd({ treated: [10, 10], control: [10, 10] })
    expect(ringWords({ ...base, estLocal: -5, estDisplace: 3 }, 'count')).toBe('a rise of 3 incidents in the ring (possible displacement)')
    expect(ringWords({ ...base, estLocal: -5, estDisplace: -3 }, 'count')).toBe('a fall of 3 incidents in the ring (possible spread of the benefit)')
    expect(ringWords({ ...base, estLocal: 5, estDisplace: 3 }, 'count')).toBe('a rise of 3 incidents in the ring')
    expect(localWords({ ...base, estLocal: -5 }, 'count')).toBe('5 incidents fewer than the control\u2019s change would give')
  })

  it('asks for the choices made', () => {
    expect(evaluationUrl(7, { months: null, bufferMetres: 250, measure: 'count' })).toBe('/api/evaluation/tasks/7?bufferMetres=250&measure=count')
    expect(evaluationUrl(7, { months: 6, bufferMetres: 400, measure: 'harm' })).toBe('/api/evaluation/tasks/7?bufferMetres=400&measure=harm&months=6')
    // Picked cells in one order whichever order they were clicked, so the same control is one cached answer.
    expect(evaluationUrl(7, { months: null, bufferMetres: 250, measure: 'count', control: ['89194655b83ffff', '891946092d3ffff'] }))
      .toBe('/api/evaluation/tasks/7?bufferMetres=250&measure=count&control=891946092d3ffff%2C89194655b83ffff')
    expect(evaluationUrl(7, { months: null, bufferMetres: 250, measure: 'count', control: null })).toBe('/api/evaluation/tasks/7?bufferMetres=250&measure=count')
  })
})
