/**
 * The camera form's fields as typed, and the request they make: an edit sends only what changed (so two analysts
 * editing different fields do not undo each other) and a view value emptied goes back to the type's default, which
 * the server then flags assumed.
 */
import type { Camera, CameraChange, CameraType, NewCamera, ViewParameter } from './cctv-api'
import { VIEW_PARAMETERS } from './cctv-api'
import type { LonLat } from './cctv-geometry'

export interface CameraForm {
  owner: string
  reference: string
  name: string
  location: string
  type: CameraType
  status: 'working' | 'faulty'
  notes: string
  illustrative: boolean
  /** '' = not known: the type's default, flagged assumed. */
  view: Record<ViewParameter, string>
}

export const EMPTY_VIEW: Record<ViewParameter, string> = { mountingHeightM: '', bearingDeg: '', fovDeg: '', rangeM: '', radiusM: '' }

export function newCameraForm(owner = ''): CameraForm {
  return { owner, reference: '', name: '', location: '', type: 'fixed', status: 'working', notes: '', illustrative: false, view: { ...EMPTY_VIEW } }
}

/** The form as a camera fills it: assumed values show blank (with their default beside them), known values typed. */
export function formFromCamera(camera: Camera): CameraForm {
  const view = { ...EMPTY_VIEW }
  for (const parameter of VIEW_PARAMETERS) view[parameter] = camera.assumed[parameter] ? '' : String(camera.view[parameter])
  return {
    owner: camera.owner,
    reference: camera.reference,
    name: camera.name,
    location: camera.location,
    type: camera.type,
    status: camera.status === 'faulty' ? 'faulty' : 'working',
    notes: camera.notes,
    illustrative: camera.illustrative,
    view,
  }
}

export type Built<T> = { ok: true; value: T } | { ok: false; message: string }

const LABELS: Record<ViewParameter, string> = { mountingHeightM: 'Mounting height', bearingDeg: 'Bearing', fovDeg: 'Field of view', rangeM: 'Range', radiusM: 'Operating radius' }

export function viewValue(parameter: ViewParameter, text: string): Built<number | null> {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: true, value: null }
  const value = Number(trimmed)
  if (!Number.isFinite(value)) return { ok: false, message: `${LABELS[parameter]} must be a number (or left empty for the type's default).` }
  // Bearings typed as 360 mean north; the server keeps them in [0, 360).
  if (parameter === 'bearingDeg') return value >= 0 && value <= 360 ? { ok: true, value: value % 360 } : { ok: false, message: 'Bearing must be from 0 to 360 degrees.' }
  if (parameter === 'fovDeg') return value > 0 && value <= 360 ? { ok: true, value } : { ok: false, message: 'Field of view must be more than 0 and at most 360 degrees.' }
  if (parameter === 'mountingHeightM') return value >= 0 ? { ok: true, value } : { ok: false, message: 'Mounting height cannot be negative.' }
  return value > 0 ? { ok: true, value } : { ok: false, message: `${LABELS[parameter]} must be more than 0 metres.` }
}

function required(form: CameraForm): string | null {
  if (!form.owner.trim()) return 'Say who runs the camera (owner).'
  if (!form.reference.trim()) return 'Give the camera a reference.'
  if (!form.name.trim()) return 'Give the camera a name.'
  return null
}

export function newCameraFrom(form: CameraForm, position: LonLat): Built<NewCamera> {
  const missing = required(form)
  if (missing) return { ok: false, message: missing }
  const value: NewCamera = {
    owner: form.owner.trim(),
    reference: form.reference.trim(),
    name: form.name.trim(),
    location: form.location.trim(),
    type: form.type,
    status: form.status,
    notes: form.notes,
    illustrative: form.illustrative,
    position: { lon: position.lon, lat: position.lat },
  }
  for (const parameter of VIEW_PARAMETERS) {
    const built = viewValue(parameter, form.view[parameter])
    if (!built.ok) return built
    if (built.value !== null) value[parameter] = built.value
  }
  return { ok: true, value }
}

/** The fields that differ from the camera as loaded; null when nothing does. */
export function cameraChangeFrom(base: Camera, form: CameraForm): Built<CameraChange | null> {
  const missing = required(form)
  if (missing) return { ok: false, message: missing }
  const change: CameraChange = { version: base.version }
  const was = formFromCamera(base)
  for (const key of ['owner', 'reference', 'name', 'location'] as const) if (form[key].trim() !== was[key]) change[key] = form[key].trim()
  if (form.notes !== was.notes) change.notes = form.notes
  if (form.type !== base.type || (base.assumed.type && form.type !== was.type)) change.type = form.type
  if (base.status !== 'removed' && form.status !== was.status) change.status = form.status
  for (const parameter of VIEW_PARAMETERS) {
    const built = viewValue(parameter, form.view[parameter])
    if (!built.ok) return built
    const before = base.assumed[parameter] ? null : base.view[parameter]
    if (built.value !== before) change[parameter] = built.value
  }
  return { ok: true, value: Object.keys(change).length > 1 ? change : null }
}
