import { VIEW_PARAMETERS, type CameraStatus, type CameraType, type ViewParameter } from './camera-types.js'
import type { AssumedFlags } from './schemas.js'

/** A type's default view values (camera_type_defaults). */
export type ViewValues = Record<ViewParameter, number>
export type TypeDefaultValues = Record<CameraType, ViewValues>

/** What a request says of each view value: a number, null (not known), or nothing (left as it is). */
export type GivenView = Partial<Record<ViewParameter, number | null>>

/** A camera's stored fields (cameras), as the store writes them. */
export interface CameraFields {
  owner: string
  reference: string
  name: string
  location: string
  statedWard: string | null
  type: CameraType
  status: CameraStatus
  view: ViewValues
  assumed: AssumedFlags
  deployedFrom: string | null
  deployedUntil: string | null
  notes: string
  illustrative: boolean
  source: string
  lon: number
  lat: number
}

/**
 * A new camera's view values: each given number as it is; anything not given (or null) from its type's default,
 * flagged assumed.
 */
export function newView(type: CameraType, given: GivenView, defaults: TypeDefaultValues): { view: ViewValues; assumed: Omit<AssumedFlags, 'type'> } {
  const view = {} as ViewValues
  const assumed = {} as Omit<AssumedFlags, 'type'>
  for (const parameter of VIEW_PARAMETERS) {
    const value = given[parameter]
    const known = typeof value === 'number'
    view[parameter] = known ? value : defaults[type][parameter]
    assumed[parameter] = !known
  }
  return { view, assumed }
}

/**
 * An edited camera's view values: a number given replaces the value (no longer assumed); null puts the (new) type's
 * default back, assumed; a value not mentioned stays, except that an assumed one follows a change of type to the new
 * type's default (an assumed value is the type's, not the camera's).
 */
export function changedView(
  current: { type: CameraType; view: ViewValues; assumed: Omit<AssumedFlags, 'type'> },
  type: CameraType,
  given: GivenView,
  defaults: TypeDefaultValues,
): { view: ViewValues; assumed: Omit<AssumedFlags, 'type'> } {
  const view = { ...current.view }
  const assumed = { ...current.assumed }
  for (const parameter of VIEW_PARAMETERS) {
    const value = given[parameter]
    if (typeof value === 'number') {
      view[parameter] = value
      assumed[parameter] = false
    } else if (value === null || (value === undefined && assumed[parameter] && type !== current.type)) {
      view[parameter] = defaults[type][parameter]
      assumed[parameter] = true
    }
  }
  return { view, assumed }
}

/** The view values a request gives, by name. */
export function givenView(source: Partial<Record<ViewParameter, number | null | undefined>>): GivenView {
  const given: GivenView = {}
  for (const parameter of VIEW_PARAMETERS) if (source[parameter] !== undefined) given[parameter] = source[parameter]
  return given
}

/** What the audit trail keeps of a camera: its fields as stored, readable. */
export function auditCamera(fields: CameraFields): Record<string, unknown> {
  const assumedNames = Object.entries(fields.assumed).filter(([, value]) => value).map(([name]) => name)
  return {
    owner: fields.owner,
    reference: fields.reference,
    name: fields.name,
    location: fields.location,
    type: fields.type,
    status: fields.status,
    ...fields.view,
    assumed: assumedNames,
    deployedFrom: fields.deployedFrom,
    deployedUntil: fields.deployedUntil,
    notes: fields.notes,
    illustrative: fields.illustrative,
    position: [fields.lon, fields.lat],
  }
}
