// GET /api/health on the real data (app.inject, real PostGIS).
import { describe, expect, it } from 'vitest'
import { useThreeMonths } from '../../../../tests/support/three-months.js'

const { json, sql } = useThreeMonths()

describe('GET /api/health', () => {
  it('reports the database, PostGIS, the months of data, the last import and boundary counts', async () => {
    const body = await json('/api/health')
    expect(body.status).toBe('ok')
    expect(body.database).toMatchObject({ reachable: true, engine: expect.any(String) })
    expect(body.database.postgis).toMatch(/^3\./)
    expect(body.data.period).toEqual({ from: '2024-01', to: '2024-03' })
    const [last] = await sql(`SELECT file_name FROM import_batches WHERE status = 'committed' ORDER BY id DESC LIMIT 1`)
    expect(body.data.lastImport).toEqual({ file: last.file_name, finishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })
    expect(body.data.lastImport.file).toContain('2024-03')
    const [batches] = await sql('SELECT count(*)::int AS n FROM import_batches')
    expect(body.counts).toEqual({ wards: 83, councils: 4, importBatches: batches.n })
  })
})
