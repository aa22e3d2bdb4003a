/** Plain words beside the CCTV figures: shares, harm, assumed values, placement picks. */
import { formatCount } from '../../shared/format'
import type { ActivityTotals, Camera, CoverageAnswer, PlacementAnswer } from './cctv-api'
import { formatMonth } from '../../../../server/src/lib/months'
import { formatReportCount } from '../ward-reports/ward-report'
import { CAMERA_STATUS_LABELS, CAMERA_TYPE_LABELS, TYPE_VIEW_PARAMETERS, VIEW_PARAMETER_LABELS, VIEW_PARAMETERS, type CameraType, type ViewParameter } from './cctv-api'

/** "34%" (one decimal below 10%, so a small share never reads as 0%); "no incidents" when there is nothing to share. */
export function formatShare(share: number | null): string {
  if (share === null) return 'no incidents'
  const percent = share * 100
  return `${percent.toLocaleString('en-GB', { maximumFractionDigits: percent < 10 ? 1 : 0 })}%`
}

/** Harm to one decimal (weights make fractions), grouped as people read it. */
export function formatHarm(harm: number): string {
  return harm.toLocaleString('en-GB', { maximumFractionDigits: 1 })
}

/** "12 of 40 incidents (30%)". */
export function describeCovered(covered: number, all: number, share: number | null): string {
  return `${formatCount(covered)} of ${formatCount(all)} incident${all === 1 ? '' : 's'} (${formatShare(share)})`
}

/** Which view values a type uses: drones their radius; PTZ cameras a resting bearing and a range; the rest a sector. */
export function parametersOf(type: CameraType): readonly ViewParameter[] {
  return TYPE_VIEW_PARAMETERS[type]
}

/** The view values this camera's type uses that are the type's defaults (not in the register, not set by anyone). */
export function assumedParameters(camera: Pick<Camera, 'assumed' | 'type'>): ViewParameter[] {
  const used = parametersOf(camera.type)
  return VIEW_PARAMETERS.filter((parameter) => camera.assumed[parameter] && used.includes(parameter))
}

/** One line on a camera: its type and status, what it looks at, and which values are assumed. */
export function describeCamera(camera: Camera): string {
  const { view } = camera
  const parts = [`${CAMERA_TYPE_LABELS[camera.type]}${camera.assumed.type ? ' (type assumed)' : ''}`, CAMERA_STATUS_LABELS[camera.status]]
  if (camera.type === 'drone') parts.push(`radius ${formatCount(view.radiusM)} m`)
  else if (camera.type === 'ptz' || view.fovDeg >= 360) parts.push(`all round, range ${formatCount(view.rangeM)} m`)
  else parts.push(`facing ${Math.round(view.bearingDeg)}° (${compassPoint(view.bearingDeg)}), ${Math.round(view.fovDeg)}° wide, range ${formatCount(view.rangeM)} m`)
  const assumed = assumedParameters(camera)
  if (assumed.length > 0) parts.push(`assumed: ${assumed.map((parameter) => VIEW_PARAMETER_LABELS[parameter].replace(/ \(.*\)$/, '').toLowerCase()).join(', ')}`)
  return parts.join(' · ')
}

const POINTS = ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west']

/** The nearest of eight compass points. */
export function compassPoint(bearingDeg: number): string {
  return POINTS[Math.round((((bearingDeg % 360) + 360) % 360) / 45) % 8]
}

type PlacementPick = PlacementAnswer['picks'][number]

/** "Site 1 (Dovecot Street) newly covers 12.5 harm (8 incidents); coverage would then be 41% of harm." */
export function describePick(pick: PlacementPick): string {
  const where = pick.site.label ? ` (${pick.site.label})` : ''
  return (
    `Camera ${pick.rank} at ${pick.site.lat.toFixed(5)}, ${pick.site.lon.toFixed(5)}${where} newly covers ${formatHarm(pick.gainHarm)} harm ` +
    `(${formatCount(pick.gainIncidents)} incident${pick.gainIncidents === 1 ? '' : 's'}) beyond today\u2019s cameras and the picks before it; ` +
    `coverage would then be ${formatShare(pick.harmShareAfter)} of harm.`
  )
}

/** "Together the 3 cameras would cover 30.2 more harm (21 incidents): from 25% of harm today to 38%." */
export function describeUplift(answer: PlacementAnswer): string {
  const n = answer.picks.length
  if (n === 0) return 'No candidate site would cover any harm that today\u2019s cameras do not already see.'
  const after = answer.today.harmShare === null || answer.uplift.harmShare === null ? null : answer.today.harmShare + answer.uplift.harmShare
  return (
    `Together the ${n === 1 ? 'camera' : `${n} cameras`} would cover ${formatHarm(answer.uplift.harm)} more harm ` +
    `(${formatCount(answer.uplift.incidents)} incident${answer.uplift.incidents === 1 ? '' : 's'}): ` +
    `from ${formatShare(answer.today.harmShare)} of harm today to ${formatShare(after)}.`
  )
}

type WardActivity = ActivityTotals['wards'][number]

function counted(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`
}

/** "In Stockton Town Centre, 2 cameras spotted 14 incidents, helped with 1 arrest and answered 5 footage requests (…)." */
export function describeWardActivity(row: WardActivity): string {
  const where = row.ward ? `In ${row.ward.name}` : 'Outside the wards loaded'
  const months = row.firstMonth === row.lastMonth ? row.firstMonth : `${row.firstMonth} to ${row.lastMonth}`
  return (
    `${where}, ${counted(row.cameras, 'camera', 'cameras')} spotted ${counted(row.incidentsSpotted, 'incident', 'incidents')}, ` +
    `helped with ${row.assistedArrests === 0 ? 'no arrests' : counted(row.assistedArrests, 'arrest', 'arrests')} and answered ` +
    `${counted(row.footageRequests, 'footage request', 'footage requests')} (${counted(row.cameraMonths, 'monthly return', 'monthly returns')}, ${months}).`
  )
}

type CouncillorWard = NonNullable<CoverageAnswer['councillorWards']>[number]

/**
 * A councillor's ward in one sentence: how many of the month's incidents were at points a working camera sees, and how
 * many not; a small count shows as the server protected it ("<3", "≥ N"), and then no share is given.
 */
export function describeCouncillorWard(ward: CouncillorWard, month: string): string {
  const covered = formatReportCount(ward.coveredIncidents)
  const total = formatReportCount(ward.incidents)
  const share = ward.incidentShare === null ? '' : ` (${formatShare(ward.incidentShare)})`
  const lead = `In ${ward.name} in ${formatMonth(month)}, ${covered} of ${total} incident${ward.incidents === 1 ? '' : 's'}${share} happened at map points inside a working camera\u2019s view; ${formatReportCount(ward.notCoveredIncidents)} did not.`
  if (ward.incidentShare === null || ward.harmShare === null) return `${lead} Shares are not shown when a count is small.`
  return `${lead} Weighted by harm, ${formatShare(ward.harmShare)} was in view.`
}
