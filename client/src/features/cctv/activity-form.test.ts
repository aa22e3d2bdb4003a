import { describe, expect, it } from 'vitest'
import { activityEntryFrom, activityFormFor } from './activity-form'

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
