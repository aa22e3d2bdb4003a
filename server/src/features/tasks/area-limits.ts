// Import-free, so the client shares the bounds it checks a picked area against (features/tasks/cell-selection.ts).

/** At res 9 (about 0.1 km² a cell) 2,000 cells are 200 km²: past any patrol area, and far past the size bound below. */
export const MAX_AREA_CELLS = 2000
export const MAX_POLYGON_POSITIONS = 5000
/**
 * The largest area made from cells or drawn, in km²: a sanity bound against a slip of the mouse, not a patrol policy
 * (a ward, any size, is always allowed). Cleveland's largest ward, Northern Parishes, is 41 km².
 */
export const MAX_AREA_KM2 = 100
