import { describe, expect, it } from 'vitest'
import type { Camera } from './cctv-api'
import { cameraChangeFrom, formFromCamera, newCameraForm, newCameraFrom } from './camera-form'

const camera = {
  id: 3,
  owner: 'Council',
  reference: 'C-1',
  name: 'Market Cross',
  location: 'High St',
  type: 'fixed',
  status: 'working',
  view: { mountingHeightM: 6, bearingDeg: 90, fovDeg: 60, rangeM: 100, radiusM: 1000 },
  assumed: { type: false, mountingHeightM: true, bearingDeg: false, fovDeg: true, rangeM: false, radiusM: true },
  notes: '',
  illustrative: false,
  version: 4,
} as Camera

describe('the camera form', () => {
  it('shows assumed values blank and known ones typed', () => {
    expect(formFromCamera(camera).view).toEqual({ mountingHeightM: '', bearingDeg: '90', fovDeg: '', rangeM: '100', radiusM: '' })
  })

  it('sends nothing when nothing changed, and only what changed otherwise, on the version loaded', () => {
    expect(cameraChangeFrom(camera, formFromCamera(camera))).toEqual({ ok: true, value: null })
    const form = formFromCamera(camera)
    form.view.bearingDeg = '360'
    form.view.fovDeg = '45'
    form.view.rangeM = ''
    form.name = ' Market Cross east '
    expect(cameraChangeFrom(camera, form)).toEqual({ ok: true, value: { version: 4, name: 'Market Cross east', bearingDeg: 0, fovDeg: 45, rangeM: null } })
  })

  it('refuses what the server would, in words', () => {
    const form = formFromCamera(camera)
    form.view.fovDeg = '0'
    expect(cameraChangeFrom(camera, form)).toEqual({ ok: false, message: 'Field of view must be more than 0 and at most 360 degrees.' })
    form.view.fovDeg = 'wide'
    expect(cameraChangeFrom(camera, form)).toMatchObject({ ok: false, message: expect.stringContaining('must be a number') })
    expect(newCameraFrom(newCameraForm(), { lon: -1.3, lat: 54.5 })).toEqual({ ok: false, message: 'Say who runs the camera (owner).' })
  })

  it('makes a new camera with only the view values typed (the rest: the type defaults, flagged assumed)', () => {
    const form = { ...newCameraForm('Council'), reference: 'N-1', name: 'New', type: 'redeployable' as const }
    form.view.bearingDeg = '45'
    expect(newCameraFrom(form, { lon: -1.3, lat: 54.5 })).toEqual({
      ok: true,
      value: { owner: 'Council', reference: 'N-1', name: 'New', location: '', type: 'redeployable', status: 'working', notes: '', illustrative: false, bearingDeg: 45, position: { lon: -1.3, lat: 54.5 } },
    })
  })
})
