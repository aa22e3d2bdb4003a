/**
 * A camera type's defaults as typed in the defaults table, and the change they make: only the values that differ, so
 * the audit trail says what moved. A default cannot be left empty (it is what a camera with no value takes).
 */
import { viewValue, type Built } from './camera-form'
import { VIEW_PARAMETERS, type TypeDefault, type TypeDefaultChange, type ViewParameter } from './cctv-api'
import { parametersOf } from './cctv-words'

export type DefaultsForm = Record<ViewParameter, string>

export function defaultsFormOf(item: TypeDefault): DefaultsForm {
  return Object.fromEntries(VIEW_PARAMETERS.map((parameter) => [parameter, String(item[parameter])])) as DefaultsForm
}

/** The PUT body for the values of the type's own parameters that differ from the stored defaults; null when none do. */
export function defaultsChangeFrom(item: TypeDefault, form: DefaultsForm): Built<TypeDefaultChange | null> {
  const change: TypeDefaultChange = { type: item.type }
  for (const parameter of parametersOf(item.type)) {
    if (form[parameter].trim() === '') return { ok: false, message: 'A default cannot be empty: it is the value cameras without one take.' }
    const built = viewValue(parameter, form[parameter])
    if (!built.ok) return built
    if (built.value !== null && built.value !== item[parameter]) change[parameter] = built.value
  }
  return { ok: true, value: Object.keys(change).length > 1 ? change : null }
}
