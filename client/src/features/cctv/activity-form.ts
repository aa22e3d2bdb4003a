/** A camera's monthly activity as typed in the camera panel, and the figures it sends (whole numbers, none left out). */
import type { Built } from './camera-form'
import type { ActivityEntry, ActivityMonth } from './cctv-api'

export interface ActivityForm {
  month: string
  incidentsSpotted: string
  assistedArrests: string
  footageRequests: string
}

const LABELS: Record<keyof ActivityEntry, string> = { incidentsSpotted: 'Incidents spotted', assistedArrests: 'Assisted arrests', footageRequests: 'Footage requests' }

/** The form for a month: its figures when the camera has a return for it (to correct), else empty. */
export function activityFormFor(month: string, held: readonly ActivityMonth[]): ActivityForm {
  const found = held.find((item) => item.month === month)
  return found
    ? { month, incidentsSpotted: String(found.incidentsSpotted), assistedArrests: String(found.assistedArrests), footageRequests: String(found.footageRequests) }
    : { month, incidentsSpotted: '', assistedArrests: '', footageRequests: '' }
}

export function activityEntryFrom(form: ActivityForm): Built<{ month: string; entry: ActivityEntry }> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(form.month)) return { ok: false, message: 'Choose the month the figures are for.' }
  const entry = {} as ActivityEntry
  for (const key of Object.keys(LABELS) as (keyof ActivityEntry)[]) {
    const text = form[key].trim()
    if (text === '') return { ok: false, message: `${LABELS[key]}: give a number (0 when there were none).` }
    const value = Number(text)
    if (!Number.isInteger(value) || value < 0 || value > 100000) return { ok: false, message: `${LABELS[key]} must be a whole number from 0 to 100,000.` }
    entry[key] = value
  }
  return { ok: true, value: { month: form.month, entry } }
}
