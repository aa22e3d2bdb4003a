import type pg from 'pg'
import { latLngToCell } from 'h3-js'
import { loadQuery } from '../../../lib/sql-file.js'

/** Resolutions stored per location (columns h3_res6 … h3_res11); /api/hexes serves 6 to 10. */
export const LOCATION_H3_RESOLUTIONS = [6, 7, 8, 9, 10, 11] as const

const locationsWithoutCells = loadQuery(import.meta.url, 'locations-without-cells.sql')
const setLocationCells = loadQuery(import.meta.url, 'set-location-cells.sql')
const FILL_BATCH = 10_000

/** The cells containing the point, as decimal bigint strings for pg, in LOCATION_H3_RESOLUTIONS order. */
export function containingCells(lat: number, lon: number): string[] {
  return LOCATION_H3_RESOLUTIONS.map((res) => BigInt(`0x${latLngToCell(lat, lon, res)}`).toString())
}

/**
 * Gives locations without cells their cells. Only points moved by migration 002 lack them (the importer computes
 * cells as it adds points, and SQL has no H3 here), so this runs after migrations and usually finds nothing.
 */
export async function fillLocationCells(pool: pg.Pool): Promise<number> {
  let filled = 0
  for (;;) {
    const { rows } = await pool.query<{ id: number; lon: number; lat: number }>({ ...locationsWithoutCells, values: [FILL_BATCH] })
    if (rows.length === 0) return filled
    const cells = rows.map((row) => containingCells(row.lat, row.lon))
    await pool.query({
      ...setLocationCells,
      values: [rows.map((row) => row.id), ...LOCATION_H3_RESOLUTIONS.map((_, index) => cells.map((cell) => cell[index]))],
    })
    filled += rows.length
  }
}
