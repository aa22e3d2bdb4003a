import { describe, expect, it } from 'vitest'
import { fieldOfMessage, formCentreOf, isPublicReportPath, localMinuteNow, posterUrl, receiptCodeOfPath } from './reports-api'
import { reportFormPath } from '../../../../server/src/features/resident-reports/report-rules'

describe('the public pages', () => {
  it('are the form and a receipt, and nothing the staff use', () => {
    expect(isPublicReportPath('/report')).toBe(true)
    expect(isPublicReportPath('/report/')).toBe(true)
    expect(isPublicReportPath('/report/receipt/ABCD-EFGH-JKMN-PQRS-TVWX-YZ01')).toBe(true)
    expect(isPublicReportPath('/reports')).toBe(false)
    expect(isPublicReportPath('/resident-reports')).toBe(false)
    expect(isPublicReportPath('/report/receipt/short')).toBe(false)
    expect(receiptCodeOfPath('/report/receipt/abcd-efgh-jkmn-pqrs-tvwx-yz01')).toBe('abcd-efgh-jkmn-pqrs-tvwx-yz01')
  })
})

describe('where the form opens', () => {
  it('reads back the address a poster gives (the server writes it with reportFormPath)', () => {
    const point = reportFormPath({ lon: -1.31234, lat: 54.56789, zoom: 17 })
    expect(formCentreOf(point.slice(point.indexOf('?')))).toEqual({ point: { lon: -1.31234, lat: 54.56789, zoom: 17, ward: null }, ward: null })
    const ward = reportFormPath({ ward: 'E05014882' })
    expect(formCentreOf(ward.slice(ward.indexOf('?')))).toEqual({ point: null, ward: 'E05014882' })
    expect(formCentreOf('?lon=200&lat=54')).toEqual({ point: null, ward: null })
    expect(formCentreOf('?ward=nonsense')).toEqual({ point: null, ward: null })
  })

  it('asks for a poster at a point or a ward', () => {
    expect(posterUrl('A5', { lon: -1.3, lat: 54.5, name: 'High St' })).toBe('/api/reports/poster?size=A5&lon=-1.30000&lat=54.50000&place=High%20St')
    expect(posterUrl('A4', { ward: 'E05014882' })).toBe('/api/reports/poster?size=A4&ward=E05014882')
  })
})

describe('the form', () => {
  it('gives now as UK wall-clock time, in summer and in winter', () => {
    expect(localMinuteNow(new Date('2024-07-01T11:05:30Z'))).toBe('2024-07-01T12:05')
    expect(localMinuteNow(new Date('2024-01-01T23:59:00Z'))).toBe('2024-01-01T23:59')
  })

  it('finds the field a refusal names', () => {
    expect(fieldOfMessage('photo: at most 3 photos')).toBe('photo')
    expect(fieldOfMessage('body/colour: is not a known parameter')).toBe('colour')
    expect(fieldOfMessage('Too many requests from your address')).toBeNull()
  })
})

describe('the ward a pin is in', () => {
  it('is the ward whose outline holds it, not one whose hole does', async () => {
    const { wardAt } = await import('./ward-at')
    const square = (x: number, y: number, size: number) => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    const wards = {
      type: 'FeatureCollection' as const,
      features: [
        { type: 'Feature' as const, id: 'A', geometry: { type: 'MultiPolygon', coordinates: [[square(0, 0, 10), square(4, 4, 2)]] }, properties: { code: 'A', name: 'Ward A', lon: 1, lat: 1 } },
        { type: 'Feature' as const, id: 'B', geometry: { type: 'MultiPolygon', coordinates: [[square(4, 4, 2)]] }, properties: { code: 'B', name: 'Ward B', lon: 5, lat: 5 } },
      ],
    }
    expect(wardAt(wards, { lon: 1, lat: 1 })?.code).toBe('A')
    expect(wardAt(wards, { lon: 5, lat: 5 })?.code).toBe('B')
    expect(wardAt(wards, { lon: 20, lat: 5 })).toBeNull()
  })
})
