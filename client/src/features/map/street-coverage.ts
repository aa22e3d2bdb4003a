import type { ExpressionSpecification } from 'maplibre-gl'

/**
 * The wards the street tiles cover (geodata/basemap/, OpenStreetMap's County Durham extract: north of the Tees only).
 * Tiles south of the river, and past the archive's bounds, are empty, so a ward outside this list is hatched and the
 * legend says so: an empty map there would read as "no streets". How the list was made (geodata/SOURCES.md): the
 * share of each ward's area within 150 m of a road in the z14 tiles, gaps under 800 m closed; every listed ward has
 * 71–100 %, every other 28 % or less (Yarm 19 %: the town is on the south bank). Ward codes of December 2023 (the
 * bundled wards); a ward of any other set is hatched, the safe way to be wrong.
 */
export const STREET_COVERED_WARDS: readonly string[] = [
  // Hartlepool: all 12 wards.
  'E05013038', // Burn Valley
  'E05013039', // De Bruce
  'E05013040', // Fens & Greatham
  'E05013041', // Foggy Furze
  'E05013042', // Hart
  'E05013043', // Headland & Harbour
  'E05013044', // Manor House
  'E05013045', // Rossmere
  'E05013046', // Rural West
  'E05013047', // Seaton
  'E05013048', // Throston
  'E05013049', // Victoria
  // Stockton-on-Tees north of the river: 20 of 27 (not Ingleby Barwick North and South, Mandale & Victoria,
  // Southern Villages, Stainsby Hill, Village, Yarm).
  'E05014858', // Billingham Central
  'E05014859', // Billingham East
  'E05014860', // Billingham North
  'E05014861', // Billingham South
  'E05014862', // Billingham West & Wolviston
  'E05014863', // Bishopsgarth & Elm Tree
  'E05014864', // Eaglescliffe East
  'E05014865', // Eaglescliffe West
  'E05014866', // Fairfield
  'E05014867', // Grangefield
  'E05014868', // Hardwick & Salters Lane
  'E05014869', // Hartburn
  'E05014873', // Newtown
  'E05014874', // Northern Parishes
  'E05014875', // Norton Central
  'E05014876', // Norton North
  'E05014877', // Norton South
  'E05014878', // Ropner
  'E05014879', // Roseworth
  'E05014882', // Stockton Town Centre
]

/** The legend's words for the hatch. */
export const STREET_COVERAGE_NOTE = 'Streets: north of the Tees only'

/** A ward shape (from /api/wards, `code` in its properties) the street tiles do not cover. */
export const UNCOVERED_WARD_FILTER: ExpressionSpecification = ['!', ['in', ['get', 'code'], ['literal', STREET_COVERED_WARDS]]]

export const NO_STREETS_PATTERN = 'no-street-data-hatch'
const HATCH_SIZE = 8
/** Grey stripes over a faint grey wash: the area reads as greyed out, and the land's colour still shows through. */
const STRIPE: readonly [number, number, number, number] = [120, 120, 120, 110]
const WASH: readonly [number, number, number, number] = [120, 120, 120, 40]

/** The hatch as an image MapLibre can take (map.addImage): diagonal stripes, 8 px apart, 2 px wide, tiling seamlessly. */
export function buildHatchImage(): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(HATCH_SIZE * HATCH_SIZE * 4)
  for (let y = 0; y < HATCH_SIZE; y++) {
    for (let x = 0; x < HATCH_SIZE; x++) {
      const onStripe = (x + y) % HATCH_SIZE < 2
      data.set(onStripe ? STRIPE : WASH, (y * HATCH_SIZE + x) * 4)
    }
  }
  return { width: HATCH_SIZE, height: HATCH_SIZE, data }
}
