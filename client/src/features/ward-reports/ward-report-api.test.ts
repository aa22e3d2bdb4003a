import { describe, expect, it } from 'vitest'
import { wardReportsUrl } from './ward-report-api'

describe('report URLs', () => {
  it('leaves out empty filters', () => {
    expect(wardReportsUrl({ from: '2024-01', to: '2024-02', ward: null })).toBe('/api/ward-reports?from=2024-01&to=2024-02')
  })
})
