import { lazy, Suspense, useEffect, useMemo, useRef, useState, type FormEvent } from 'react'
import { navigate } from '../../app/navigation'
import { ApiError, errorMessage } from '../../shared/api'
import { wardAt, type Pin } from './ward-at'
import {
  FORM_URL,
  FORM_USABLE_MARK,
  fieldOfMessage,
  formCentreOf,
  localMinuteNow,
  publicJson,
  PUBLIC_WARDS_URL,
  receiptPagePath,
  REPORT_LIMITS,
  REPORTER_CATEGORIES,
  submitReport,
  type FormAnswer,
  type PublicWards,
} from './reports-api'

// MapLibre is large: the form is usable (typed place, location) before, and without, the map.
const PinMap = lazy(() => import('./PinMap'))

const MB = 1024 * 1024

/**
 * Each field the server may name in a refusal: its name in words, put before a message that needs a subject ("is
 * required", "must be"), and the control the focus moves to (its label, or the group's legend, is read there with the
 * message tied to it by aria-describedby). A pin's lat or lon lands on the typed place: the other way to say where.
 */
const FIELDS: Record<string, { words: string; control: string }> = {
  place: { words: 'The place', control: 'report-place' },
  lat: { words: 'The pin', control: 'report-place' },
  lon: { words: 'The pin', control: 'report-place' },
  category: { words: 'The problem', control: `report-category-${REPORTER_CATEGORIES[0].id}` },
  happenedAt: { words: 'The date and time', control: 'report-when' },
  description: { words: 'What happened', control: 'report-description' },
  photo: { words: 'Photos', control: 'report-photos' },
  contactEmail: { words: 'The e-mail address', control: 'report-email' },
  contactPhone: { words: 'The phone number', control: 'report-phone' },
  consent: { words: 'Permission to contact you', control: 'report-consent' },
}

/** A refusal's message as a sentence about its field: "category: is required: …" → "The problem is required: …". */
function fieldMessage(field: string, message: string): string {
  const text = message.replace(/^(body\/)?[A-Za-z]+: /, '')
  const words = FIELDS[field]?.words
  return words && /^(is|must|are) /.test(text) ? `${words} ${text}` : text.charAt(0).toUpperCase() + text.slice(1)
}

/**
 * The public report form, phone first: where (a pin, "use my location" or a typed place), what (the residents' own
 * categories), when (a date and time, or ongoing), a description, up to three photos, and optional contact details
 * with consent. No sign-in. Every field has a visible label; a refusal names its field, is shown beside it and takes the
 * focus there (or, naming no field, is announced at the top). The honeypot field is hidden from sight and from screen
 * readers.
 */
export function ReportFormPage() {
  const [token, setToken] = useState<FormAnswer | null>(null)
  const [tokenFailed, setTokenFailed] = useState(false)
  const [wards, setWards] = useState<PublicWards | null>(null)
  const [pin, setPin] = useState<Pin | null>(null)
  const [locating, setLocating] = useState<string | null>(null)
  const [ongoing, setOngoing] = useState(false)
  const [photos, setPhotos] = useState<File[]>([])
  const [sending, setSending] = useState(false)
  const [failure, setFailure] = useState<{ message: string; field: string | null } | null>(null)
  const opened = useMemo(() => formCentreOf(window.location.search), [])
  const alertRef = useRef<HTMLDivElement>(null)

  // A refusal takes the focus to the field it names (its message is read with it), or to the message at the top.
  useEffect(() => {
    if (!failure) return
    const control = failure.field ? FIELDS[failure.field]?.control : undefined
    const target = (control && document.getElementById(control)) || alertRef.current
    target?.focus()
  }, [failure])

  useEffect(() => {
    document.title = 'Report anti-social behaviour'
    const controller = new AbortController()
    publicJson<FormAnswer>(FORM_URL, { signal: controller.signal }).then(
      (answer) => {
        // From here the form can be sent. The map's code is asked for only after (below): on a slow connection it
        // would otherwise share the line with what the form needs. The bench and the tests measure up to this mark.
        performance.mark(FORM_USABLE_MARK)
        setToken(answer)
      },
      () => {
        if (controller.signal.aborted) return
        setTokenFailed(true)
        setFailure({ message: 'The form could not be opened: check your connection and reload the page.', field: null })
      },
    )
    publicJson<PublicWards>(PUBLIC_WARDS_URL, { signal: controller.signal }).then(setWards, () => undefined)
    return () => controller.abort()
  }, [])

  const centre = useMemo(() => {
    if (opened.point) return opened.point
    const ward = opened.ward && wards?.features.find((feature) => feature.properties.code === opened.ward)
    return ward ? { lon: ward.properties.lon, lat: ward.properties.lat, zoom: 15 } : null
  }, [opened, wards])
  const pinWard = pin && wards ? wardAt(wards, pin) : null

  const useMyLocation = () => {
    if (!('geolocation' in navigator)) {
      setLocating('This browser cannot tell your location: put a pin on the map or type the place.')
      return
    }
    setLocating('Finding your location…')
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setPin({ lon: position.coords.longitude, lat: position.coords.latitude })
        setLocating(`Pin placed at your location (accurate to about ${Math.round(position.coords.accuracy)} m). Drag it if it is not right.`)
      },
      (error) => setLocating(error.code === error.PERMISSION_DENIED ? 'Location not allowed: put a pin on the map or type the place.' : 'Your location could not be found: put a pin on the map or type the place.'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    )
  }

  const onPhotos = (files: FileList | null) => {
    const chosen = Array.from(files ?? [])
    if (chosen.length > REPORT_LIMITS.photos) {
      setFailure({ message: `photo: at most ${REPORT_LIMITS.photos} photos`, field: 'photo' })
      return
    }
    const big = chosen.find((file) => file.size > REPORT_LIMITS.photoBytes)
    if (big) {
      setFailure({ message: `photo: ${big.name} is larger than ${REPORT_LIMITS.photoBytes / MB} MB`, field: 'photo' })
      return
    }
    setFailure(null)
    setPhotos(chosen)
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!token) return
    const form = new FormData(event.currentTarget)
    form.delete('photo')
    form.set('formToken', token.token)
    form.set('ongoing', ongoing ? 'true' : 'false')
    if (pin) {
      form.set('lon', pin.lon.toFixed(6))
      form.set('lat', pin.lat.toFixed(6))
    }
    for (const photo of photos) form.append('photo', photo, photo.name)
    setSending(true)
    setFailure(null)
    try {
      const { receipt } = await submitReport(form)
      navigate(`${receiptPagePath(receipt)}?new=1`)
    } catch (error) {
      const message = error instanceof ApiError ? error.message : errorMessage(error)
      setFailure({ message, field: fieldOfMessage(message) })
      // A form kept open past its token's life: fetch a fresh one, so sending again works.
      if (/formToken/.test(message)) publicJson<FormAnswer>(FORM_URL).then(setToken, () => undefined)
    } finally {
      setSending(false)
    }
  }

  // A field's message is tied to its control (aria-describedby) and read when the focus lands there; the rest (the
  // honeypot, the time check, the server away) are announced at the top.
  const fieldError = (name: string) =>
    failure?.field === name ? (
      <p className="report-field-error" id={`${name}-error`}>
        <span className="visually-hidden">Error: </span>
        {fieldMessage(name, failure.message)}
      </p>
    ) : null
  const describedBy = (names: string[], hint?: string) => [hint, ...names.filter((name) => failure?.field === name).map((name) => `${name}-error`)].filter(Boolean).join(' ') || undefined
  const invalid = (names: string[]) => (failure?.field && names.includes(failure.field) ? true : undefined)
  const topMessage = failure && !(failure.field && FIELDS[failure.field]) ? (failure.field ? fieldMessage(failure.field, failure.message) : failure.message) : null

  return (
    <main className="report-page" id="main">
      <h1>Report anti-social behaviour</h1>
      <p className="report-lead">
        Tell the community safety partnership what happened and where. You do not need an account. You get a receipt code to follow your report. <strong>In an emergency, or if a crime is happening now, call 999.</strong>
      </p>
      {topMessage && (
        <div className="report-alert" role="alert" tabIndex={-1} ref={alertRef} data-testid="report-error">
          {topMessage}
        </div>
      )}
      <form onSubmit={onSubmit} noValidate data-testid="report-form">
        <fieldset>
          <legend>Where did it happen?</legend>
          <div className="report-map-box">
            {wards && (token || tokenFailed) ? (
              <Suspense fallback={<p>Loading the map…</p>}>
                <PinMap wards={wards} pin={pin} centre={centre} onPin={setPin} />
              </Suspense>
            ) : (
              <p>Loading the map…</p>
            )}
          </div>
          <p className="report-hint" aria-live="polite" data-testid="report-pin-status">
            {pin ? `Pin placed${pinWard ? ` in ${pinWard.name}` : ''}.` : 'Tap the map where it happened, or use your location, or type the place below.'}
          </p>
          <div className="report-row">
            <button type="button" onClick={useMyLocation} data-testid="report-use-location">
              Use my location
            </button>
            {pin && (
              <button type="button" onClick={() => setPin(null)}>
                Remove the pin
              </button>
            )}
          </div>
          {locating && <p className="report-hint" aria-live="polite">{locating}</p>}
          <label htmlFor="report-place">Street, place or postcode {pin ? '(optional)' : ''}</label>
          <input id="report-place" name="place" type="text" maxLength={REPORT_LIMITS.placeChars} autoComplete="street-address" aria-describedby={describedBy(['place', 'lat', 'lon'])} aria-invalid={invalid(['place', 'lat', 'lon'])} />
          {fieldError('place')}
          {fieldError('lat')}
          {fieldError('lon')}
        </fieldset>

        <fieldset aria-describedby={describedBy(['category'])}>
          <legend>What is the problem?</legend>
          <div className="report-choices">
            {REPORTER_CATEGORIES.map((category) => (
              <label key={category.id} className="report-choice">
                <input type="radio" id={`report-category-${category.id}`} name="category" value={category.id} required aria-invalid={invalid(['category'])} aria-describedby={describedBy(['category'])} /> {category.label}
              </label>
            ))}
          </div>
          {fieldError('category')}
        </fieldset>

        <fieldset>
          <legend>When did it happen?</legend>
          <label className="report-choice">
            <input type="checkbox" checked={ongoing} onChange={(event) => setOngoing(event.target.checked)} data-testid="report-ongoing" /> It is ongoing (it keeps happening)
          </label>
          {!ongoing && (
            <>
              <label htmlFor="report-when">Date and time</label>
              <input id="report-when" name="happenedAt" type="datetime-local" max={localMinuteNow()} defaultValue={localMinuteNow()} aria-describedby={describedBy(['happenedAt'])} aria-invalid={invalid(['happenedAt'])} />
              {fieldError('happenedAt')}
            </>
          )}
        </fieldset>

        <label htmlFor="report-description">What happened?</label>
        <textarea id="report-description" name="description" rows={5} maxLength={REPORT_LIMITS.descriptionChars} required aria-describedby={describedBy(['description'], 'report-description-hint')} aria-invalid={invalid(['description'])} data-testid="report-description" />
        <p className="report-hint" id="report-description-hint">
          Please do not name people unless you have to.
        </p>
        {fieldError('description')}

        <label htmlFor="report-photos">Photos (optional, up to {REPORT_LIMITS.photos}, {REPORT_LIMITS.photoBytes / MB} MB each)</label>
        <input id="report-photos" name="photo" type="file" accept="image/jpeg,image/png,image/webp" multiple onChange={(event) => onPhotos(event.target.files)} aria-describedby={describedBy(['photo'], 'report-photos-hint')} aria-invalid={invalid(['photo'])} data-testid="report-photos" />
        <p className="report-hint" id="report-photos-hint">
          Location and camera details are removed from photos before they are kept.
        </p>
        {fieldError('photo')}

        <fieldset>
          <legend>Your contact details (optional)</legend>
          <p className="report-hint">Only the staff who handle reports see them, and they are erased after a set time. You can follow your report with the receipt code without them.</p>
          <label htmlFor="report-name">Name</label>
          <input id="report-name" name="contactName" type="text" autoComplete="name" maxLength={200} />
          <label htmlFor="report-email">E-mail</label>
          <input id="report-email" name="contactEmail" type="email" autoComplete="email" maxLength={254} aria-describedby={describedBy(['contactEmail'])} aria-invalid={invalid(['contactEmail'])} />
          {fieldError('contactEmail')}
          <label htmlFor="report-phone">Phone</label>
          <input id="report-phone" name="contactPhone" type="tel" autoComplete="tel" maxLength={30} aria-describedby={describedBy(['contactPhone'])} aria-invalid={invalid(['contactPhone'])} />
          {fieldError('contactPhone')}
          <label className="report-choice">
            <input type="checkbox" id="report-consent" name="consent" value="true" aria-describedby={describedBy(['consent'])} aria-invalid={invalid(['consent'])} /> You may contact me about this report with these details
          </label>
          {fieldError('consent')}
        </fieldset>

        {/* The honeypot: people never see or hear it; form-filling robots fill it in. */}
        <div className="report-honeypot" aria-hidden="true">
          <label htmlFor="report-website">Website</label>
          <input id="report-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
        <button type="submit" className="report-send" disabled={!token || sending} data-testid="report-send">
          {sending ? 'Sending…' : 'Send the report'}
        </button>
      </form>
    </main>
  )
}
