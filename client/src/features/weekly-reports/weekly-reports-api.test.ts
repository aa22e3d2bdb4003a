import { describe, expect, it } from 'vitest'
import { chartMaximum, chartValue, countWords, projectBox, reportPageUrl, reportPdfUrl, unsentEmailWords } from './weekly-reports-api'

describe('weekly report helpers', () => {
  it('reads shown counts in words', () => {
    expect(countWords(12)).toBe('12')
    expect(countWords('<3')).toBe('fewer than 3')
    expect(countWords('>=1200')).toBe('at least 1,200')
  })
  it('keeps the chart on a fixed ladder of scales, small counts drawn as nothing', () => {
    expect(chartValue('<3')).toBe(0)
    expect(chartValue('>=14')).toBe(14)
    expect(chartMaximum([3, '<3', 9])).toBe(10)
    expect(chartMaximum([11, '>=30'])).toBe(50)
    expect(chartMaximum([])).toBe(10)
  })
  it('projects the ward box into the given width, north up', () => {
    const projection = projectBox([[-1.32, 54.56], [-1.30, 54.57]], 400)
    const [x0, y0] = projection.point(-1.32, 54.57)
    const [x1, y1] = projection.point(-1.30, 54.56)
    expect([x0, y0]).toEqual([8, 8])
    expect(x1).toBeCloseTo(392)
    expect(Math.abs(y1 - (projection.height - 8))).toBeLessThan(0.5)
  })
  it('names the print page and downloads', () => {
    expect(reportPageUrl('E05014882', '2024-W05', 2)).toBe('/weekly-report?ward=E05014882&period=2024-W05&version=2')
    expect(reportPdfUrl('E05014882', '2024-03')).toBe('/api/weekly-reports/E05014882/2024-03/report.pdf')
  })
  it('says where an unsent e-mail stands', () => {
    expect(unsentEmailWords({ status: 'failed', attempts: 9 }, null)).toBe('Given up after 9 tries')
    expect(unsentEmailWords({ status: 'retrying', attempts: 1 }, '3 Dec 2026, 14:05')).toBe('Not sent after 1 try; tried again by itself at 3 Dec 2026, 14:05')
    expect(unsentEmailWords({ status: 'retrying', attempts: 2 }, null)).toBe('Not sent after 2 tries; tried again by itself soon')
  })
})
