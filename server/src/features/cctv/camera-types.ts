/**
 * The CCTV register's names as plain lists, with no imports: the server checks against them and the client draws,
 * labels and filters by them.
 */

export const CAMERA_TYPES = ['fixed', 'ptz', 'redeployable', 'drone'] as const
export type CameraType = (typeof CAMERA_TYPES)[number]

export const CAMERA_TYPE_LABELS: Readonly<Record<CameraType, string>> = {
  fixed: 'Fixed camera',
  ptz: 'Pan-tilt-zoom (PTZ) camera',
  redeployable: 'Redeployable camera',
  drone: 'Drone',
}

/** Only working cameras count towards coverage. Removed cameras stay in the register as a record. */
export const CAMERA_STATUSES = ['working', 'faulty', 'removed'] as const
export type CameraStatus = (typeof CAMERA_STATUSES)[number]

export const CAMERA_STATUS_LABELS: Readonly<Record<CameraStatus, string>> = {
  working: 'Working',
  faulty: 'Faulty',
  removed: 'Removed',
}

/** Types that move: a redeploy appends to their position history. */
export const MOVABLE_TYPES: readonly CameraType[] = ['redeployable', 'drone']

/** The view parameters that a register may leave out, each filled from the type's default and flagged assumed. */
export const VIEW_PARAMETERS = ['mountingHeightM', 'bearingDeg', 'fovDeg', 'rangeM', 'radiusM'] as const
export type ViewParameter = (typeof VIEW_PARAMETERS)[number]

/**
 * The view values each type uses: drones their radius; PTZ cameras a resting bearing and a range (they turn all
 * round); the rest a sector. A value a type does not use (a fixed camera's radius) is never "assumed" to anyone.
 * The SQL that asks "rests on an assumed value" (cameras.sql, coverage-cameras.sql, type-defaults.sql) says the same.
 */
export const TYPE_VIEW_PARAMETERS: Readonly<Record<CameraType, readonly ViewParameter[]>> = {
  fixed: ['bearingDeg', 'fovDeg', 'rangeM', 'mountingHeightM'],
  ptz: ['bearingDeg', 'rangeM', 'mountingHeightM'],
  redeployable: ['bearingDeg', 'fovDeg', 'rangeM', 'mountingHeightM'],
  drone: ['radiusM', 'mountingHeightM'],
}

export const VIEW_PARAMETER_LABELS: Readonly<Record<ViewParameter, string>> = {
  mountingHeightM: 'Mounting height (m)',
  bearingDeg: 'Bearing (degrees from north)',
  fovDeg: 'Field of view (degrees)',
  rangeM: 'Range (m)',
  radiusM: 'Operating radius (m, drones)',
}

/** Said beside every coverage figure: police.uk positions are not where incidents happened. */
export const COVERAGE_CAVEAT =
  'police.uk moves every incident to the nearest of a set of anonymous map points (often the middle of a street), ' +
  'so "inside a camera\u2019s view" means the map point is: an incident near the edge of a view may be counted on the wrong side of it.'

/** Said beside every figure that rests on assumed view parameters. */
export const ASSUMED_CAVEAT = 'Some cameras\u2019 views use assumed values (the register did not give them): their coverage is an estimate.'

/** Said beside placement results: candidate views are circles. */
export const PLACEMENT_CAVEAT =
  'Each candidate site is scored as a camera that can turn all the way round (a circle of the range), behind any loaded buildings; ' +
  'a camera fixed on one bearing would see less.'

/** Said when any camera counted is made up for a demonstration. */
export const ILLUSTRATIVE_CAVEAT = 'Some cameras are illustrative: made up for a demonstration, not real cameras.'
