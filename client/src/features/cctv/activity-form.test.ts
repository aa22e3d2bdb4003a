import { describe, expect, it } from 'vitest'
import { activityEntryFrom, activityFormFor } from './activity-form'
import { describeWardActivity } from './cctv-words'

describe('the activity form', () => {
  it('fills a month the camera has a return for, to correct it, and leaves a new month empty', () => {
    const held = [{ month: '2024-03', incidentsSpotted: 9, assistedArrests: 2, footageRequests: 4 }]
    expect(activityFormFor('2024-03', held)).toEqual({ month: '2024-03', incidentsSpotted: '9', assistedArrests: '2', footageRequests: '4' })
    expect(activityFormFor('2024-04', held)).toEqual({ month: '2024-04', incidentsSpotted: '', assistedArrests: '', footageRequests: '' })
  })

  it('sends whole numbers and refuses anything else with a reason', () => {
    expect(activityEntryFrom({ month: '2024-03', incidentsSpotted: '9', assistedArrests: ' 0', footageRequests: '4' })).toEqual({
      ok: true,
      value: { month: '2024-03', entry: { incidentsSpotted: 9, assistedArrests: 0, footageRequests: 4 } },
    })
    expect(activityEntryFrom({ month: '', incidentsSpotted: '1', assistedArrests: '1', footageRequests: '1' })).toMatchObject({ ok: false, message: /month/ })
    expect(activityEntryFrom({ month: '2024-03', incidentsSpotted: '1.5', assistedArrests: '1', footageRequests: '1' })).toMatchObject({ ok: false, message: /Incidents spotted must be a whole number/ })
    expect(activityEntryFrom({ month: '2024-03', incidentsSpotted: '1', assistedArrests: '', footageRequests: '1' })).toMatchObject({ ok: false, message: /Assisted arrests: give a number/ })
  })
})

describe('activity in words', () => {
  it('says what a ward\u2019s cameras did, one or many', () => {
    const ward = { ward: { code: 'E05014882', name: 'Stockton Town Centre', councilName: 'Stockton-on-Tees' }, cameras: 2, cameraMonths: 3, incidentsSpotted: 14, assistedArrests: 1, footageRequests: 5, firstMonth: '2024-03', lastMonth: '2024-04' }
    expect(describeWardActivity(ward)).toBe('In Stockton Town Centre, 2 cameras spotted 14 incidents, helped with 1 arrest and answered 5 footage requests (3 monthly returns, 2024-03 to 2024-04).')
    expect(describeWardActivity({ ...ward, ward: null, cameras: 1, cameraMonths: 1, incidentsSpotted: 1, assistedArrests: 0, footageRequests: 1, lastMonth: '2024-03' })).toBe(
      'Outside the wards loaded, 1 camera spotted 1 incident, helped with no arrests and answered 1 footage request (1 monthly return, 2024-03).',
    )
  })
})
