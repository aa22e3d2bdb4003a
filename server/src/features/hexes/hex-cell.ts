import { cellArea, getResolution, isValidCell } from 'h3-js'
import { badRequest } from '../../lib/errors.js'

/** The resolutions the map and the stored cells cover (locations keeps cells of resolution 6 to 11; the map asks 6–10). */
export const HEX_RESOLUTIONS = { min: 6, max: 10 }

export interface HexCell {
  cell: string
  res: number
  /** The index as the decimal text of the bigint the database stores, for a `$n::bigint` parameter. */
  stored: string
  areaKm2: number
}

/** A cell named in a request, checked: a valid H3 index of a resolution the stored cells cover. */
export function parseHexCell(cell: string, parameter = 'cell'): HexCell {
  if (!isValidCell(cell)) throw badRequest(parameter, `${cell} is not an H3 cell`)
  const res = getResolution(cell)
  if (res < HEX_RESOLUTIONS.min || res > HEX_RESOLUTIONS.max) {
    throw badRequest(parameter, `${cell} is a resolution-${res} cell; resolutions ${HEX_RESOLUTIONS.min} to ${HEX_RESOLUTIONS.max} are counted`)
  }
  return { cell, res, stored: BigInt(`0x${cell}`).toString(), areaKm2: cellArea(cell, 'km2') }
}
