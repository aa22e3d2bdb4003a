import { describe, expect, it } from 'vitest'
import { colourStep, DEFAULT_VIEW, demandUrl, gridCsv, inWindow, leftOutWords, legendSteps, searchOfView, sourceLabel, spanMonths, viewOfSearch, windowWords } from './time-patterns'

const answer = (grid: number[][], leftOut = 0, window = { from: 0, to: 7, incidents: 0, share: null as number | null }) => ({
  grid, incidents: grid.flat().reduce((a, b) => a + b, 0), leftOut, window, weeks: [],
})
const empty = () => Array.from({ length: 7 }, () => new Array<number>(24).fill(0))

describe('the time patterns view in the address bar', () => {
  it('round-trips a view and leaves the defaults out', () => {
    const view = { source: 'Stockton ASB log (illustrative)', ward: 'E05014882', category: 'Anti-social behaviour', from: '2025-01', to: '2025-06', windowFrom: 22, windowTo: 6 }
    expect(viewOfSearch(searchOfView(view))).toEqual(view)
    expect(searchOfView(DEFAULT_VIEW)).toBe('')
  })

  it('falls back to the default for anything unreadable', () => {
    expect(viewOfSearch('?ward=nope&from=2025-13&wf=25&wt=0&source=')).toEqual(DEFAULT_VIEW)
  })

  it('asks the server for the view', () => {
    expect(demandUrl({ ...DEFAULT_VIEW, category: 'Anti-social behaviour', source: 'A & B' })).toBe(
      '/api/time-patterns/demand?source=A+%26+B&categories=Anti-social+behaviour&windowFrom=0&windowTo=7',
    )
  })
})

describe('the window', () => {
  it('wraps past midnight', () => {
    expect([21, 22, 23, 0, 5, 6].map((hour) => inWindow(hour, 22, 6))).toEqual([false, true, true, true, true, false])
    expect([0, 6, 7].map((hour) => inWindow(hour, 0, 7))).toEqual([true, true, false])
    expect(inWindow(13, 0, 24)).toBe(true)
  })

  it('says its share in words, and what the grid leaves out', () => {
    const grid = empty()
    grid[0][1] = 5
    grid[2][12] = 15
    expect(windowWords(answer(grid, 0, { from: 0, to: 7, incidents: 5, share: 0.25 }))).toBe(
      '5 of 20 incidents with a time of day (25%) were between 00:00 and 07:00, UK time, any day of the week.',
    )
    expect(windowWords(answer(empty()))).toMatch(/^No incident with a time of day/)
    expect(leftOutWords(answer(grid))).toBeNull()
    expect(leftOutWords(answer(grid, 1234))).toMatch(/^1,234 incidents in this filter have no time of day/)
  })
})

describe('the grid', () => {
  it('colours counts in eight steps up to the largest, zero apart', () => {
    expect([0, 1, 12, 13, 50, 100].map((n) => colourStep(n, 100))).toEqual([0, 1, 1, 2, 4, 8])
    expect(colourStep(3, 0)).toBe(0)
  })

  it('labels the legend with the counts each colour stands for, covering 1 to the largest once', () => {
    const steps = legendSteps(100)
    expect(steps[0].label).toBe('none')
    expect(steps[1].label).toBe('1–12')
    expect(steps.at(-1)!.label).toBe('88–100')
    expect(legendSteps(3).map((step) => step.label)).toEqual(['none', '1', '2', '3'])
    // Every count from 1 to the largest falls in exactly one step, the one colourStep gives it.
    for (const max of [1, 3, 8, 9, 100, 1234]) {
      const steps = legendSteps(max).slice(1)
      for (let n = 1; n <= max; n++) {
        const holding = steps.filter((step) => {
          const [low, high = low] = step.label.replace(/,/g, '').split('–').map(Number)
          return n >= low && n <= high
        })
        expect(holding, `${n} of ${max}`).toHaveLength(1)
      }
    }
  })

  it('exports as CSV with row and column totals', () => {
    const grid = empty()
    grid[4][22] = 3
    grid[5][22] = 2
    const lines = gridCsv(answer(grid, 7), 'all sources').trim().split('\r\n')
    expect(lines[1].split(',')).toHaveLength(26)
    expect(lines[7].split(',')[23]).toBe('2') // Saturday 22:00
    expect(lines[9].split(',').at(-1)).toBe('5')
    expect(lines[10]).toBe('Left out (no time of day): 7')
  })
})

describe('sources', () => {
  it('labels illustrative sources once, and spans every source', () => {
    expect(sourceLabel({ source: 'Made-up log', illustrative: true })).toBe('Made-up log (illustrative)')
    expect(sourceLabel({ source: 'Stockton ASB log (illustrative)', illustrative: true })).toBe('Stockton ASB log (illustrative)')
    expect(spanMonths([{ firstDay: '2024-12-01', lastDay: '2025-11-30' }, { firstDay: '2015-01-01', lastDay: '2019-11-22' }])).toEqual({ first: '2015-01', last: '2025-11' })
    expect(spanMonths([])).toBeNull()
  })
})
