import { REPORT_LIMITS, REPORTER_CATEGORY_IDS, type ReporterCategory } from './report-rules.js'

/** The public form as it arrives: multipart text fields by name, and the photos' bytes. */
export interface FormParts {
  fields: Map<string, string>
  photos: Buffer[]
}

export interface ReportForm {
  formToken: string
  category: ReporterCategory
  position: { lon: number; lat: number } | null
  place: string | null
  happenedAt: string | null
  description: string
  contact: { name: string | null; email: string | null; phone: string | null; consent: boolean }
}

export type FormReading = { ok: true; value: ReportForm } | { ok: false; parameter: string; message: string }

const KNOWN = new Set(['formToken', 'website', 'category', 'lon', 'lat', 'place', 'ongoing', 'happenedAt', 'description', 'contactName', 'contactEmail', 'contactPhone', 'consent'])
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
const LOCAL_MINUTE = /^(19|20|21)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/

class Refused extends Error {
  constructor(readonly parameter: string, message: string) {
    super(message)
  }
}

/**
 * The form's fields read and checked by hand (multipart text has no TypeBox body schema to run), with the same rules
 * and the same kind of message as every other route: the field named, the fix in plain words.
 */
export function readReportForm(fields: Map<string, string>): FormReading {
  try {
    return { ok: true, value: read(fields) }
  } catch (error) {
    if (error instanceof Refused) return { ok: false, parameter: error.parameter, message: error.message }
    throw error
  }
}

function read(fields: Map<string, string>): ReportForm {
  for (const name of fields.keys()) if (!KNOWN.has(name)) throw new Refused(`body/${name}`, 'is not a known parameter')
  const text = (name: string, max: number, lines = false): string | null => {
    const value = fields.get(name)?.trim() ?? ''
    if (value === '') return null
    if ((lines ? CONTROL_BUT_LINES : CONTROL).test(value)) throw new Refused(name, 'must not contain control characters')
    if (value.length > max) throw new Refused(name, `must be at most ${max} characters`)
    return value
  }
  const yes = (name: string) => ['true', 'on', 'yes'].includes(fields.get(name) ?? '')

  // The honeypot: a field people never see (hidden from sight and from screen readers), which form-filling robots fill.
  if ((fields.get('website') ?? '') !== '') throw new Refused('website', 'must be left empty: it is there to catch automated submissions, so this report was not accepted')
  const formToken = text('formToken', 100)
  if (!formToken) throw new Refused('formToken', 'is required; reload the page and send the form again')

  const categoryId = fields.get('category')
  if (!categoryId) throw new Refused('category', 'is required: choose what the problem is')
  if (!(REPORTER_CATEGORY_IDS as string[]).includes(categoryId)) throw new Refused('category', `must be one of ${REPORTER_CATEGORY_IDS.join(', ')}`)

  const lonText = fields.get('lon') ?? ''
  const latText = fields.get('lat') ?? ''
  let position: ReportForm['position'] = null
  if (lonText !== '' || latText !== '') {
    const lon = Number(lonText)
    const lat = Number(latText)
    if (lonText === '' || latText === '') throw new Refused(lonText === '' ? 'lon' : 'lat', `is needed with ${lonText === '' ? 'lat' : 'lon'}`)
    if (!Number.isFinite(lon) || lon < -9 || lon > 2.5) throw new Refused('lon', 'must be a longitude in Great Britain (−9 to 2.5)')
    if (!Number.isFinite(lat) || lat < 49 || lat > 61) throw new Refused('lat', 'must be a latitude in Great Britain (49 to 61)')
    // Six decimals is about 10 cm: more only makes points that differ by nothing.
    position = { lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 }
  }
  const place = text('place', REPORT_LIMITS.placeChars)
  if (!position && !place) throw new Refused('place', 'say where: put a pin on the map, use your location, or type a street or place')

  const ongoing = yes('ongoing')
  const when = fields.get('happenedAt') ?? ''
  if (ongoing && when !== '') throw new Refused('happenedAt', 'leave it empty when the problem is ongoing')
  if (!ongoing && when === '') throw new Refused('happenedAt', 'is required: give the date and time, or tick "ongoing"')
  if (!ongoing && !LOCAL_MINUTE.test(when)) throw new Refused('happenedAt', 'must be a date and time, YYYY-MM-DDTHH:MM')

  const description = text('description', REPORT_LIMITS.descriptionChars, true)
  if (!description) throw new Refused('description', 'is required: say what happened')

  const email = text('contactEmail', 254)
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new Refused('contactEmail', 'must be an e-mail address')
  const phone = text('contactPhone', 30)
  if (phone && !/^\+?[0-9 ()-]{6,30}$/.test(phone)) throw new Refused('contactPhone', 'must be a phone number (digits, spaces, +, brackets)')
  const name = text('contactName', 200)
  const consent = yes('consent')
  if ((email || phone) && !consent) throw new Refused('consent', 'tick it to let us contact you with the details you gave, or leave them out')

  return {
    formToken,
    category: categoryId as ReporterCategory,
    position,
    place,
    happenedAt: ongoing ? null : when,
    description,
    contact: { name, email, phone, consent: consent && Boolean(email || phone || name) },
  }
}
