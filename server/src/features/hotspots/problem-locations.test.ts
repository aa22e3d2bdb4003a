import { latLngToCell } from 'h3-js'
import { describe, expect, it } from 'vitest'
import type { GiStarCells } from './gistar-analysis.js'
import type { HotspotInputs, PlaceCount } from './hotspot-inputs.js'
import { rankProblemLocations } from './problem-locations.js'

const cell = latLngToCell(54.5645, -1.3129, 9)

/** One hot cell holding the given places, over one month. */
function rank(places: PlaceCount[]) {
  const area = { cells: [cell], indexOf: new Map([[cell, 0]]), neighbours: [new Int32Array(0)] }
  const incidents = places.reduce((sum, place) => sum + place.incidents, 0)
  const gistar: GiStarCells = {
    area, values: Float64Array.of(incidents), z: Float64Array.of(3), p: Float64Array.of(0.002), pAdjusted: Float64Array.of(0.002),
    classes: ['hot-99'], outsideArea: 0,
  }
  const inputs: HotspotInputs = {
    months: ['2024-01'], monthly: [Float64Array.of(incidents)], monthlyIncidents: [Float64Array.of(incidents)],
    monthlyHarm: [Float64Array.of(incidents)], totals: Float64Array.of(incidents), placesByCell: new Map([[cell, places]]),
  }
  return rankProblemLocations(gistar, inputs, { measure: 'count', halfLifeMonths: 6, recentMonths: 1, emergingOf: () => 'none' })
}

const row = (locationId: number, place: string | null, incidents: number): PlaceCount => ({
  locationId, place, wardCode: 'E05000001', wardName: 'A ward', lon: -1.3129, lat: 54.5645, incidents, harm: incidents,
})

describe('rankProblemLocations: the busiest point', () => {
  it('names the busiest point by its commonest place name, whatever order its rows arrive in', () => {
    const rows = [row(7, 'On or near Police Station', 5), row(7, 'On or near', 2), row(8, 'On or near High Street', 6)]
    for (const order of [rows, [...rows].reverse(), [rows[1], rows[2], rows[0]]]) {
      const [location] = rank(order)
      expect(location.components.busiestPoint).toEqual({ incidents: 7, share: 7 / 13, place: 'On or near Police Station' })
      expect(location.name).toBe('High Street · A ward')
    }
  })

  it('breaks ties between points by the lower id, and between names alphabetically', () => {
    const rows = [row(9, 'On or near B Street', 4), row(3, 'On or near Z Road', 2), row(3, 'On or near A Road', 2)]
    for (const order of [rows, [...rows].reverse()]) {
      expect(rank(order)[0].components.busiestPoint).toEqual({ incidents: 4, share: 0.5, place: 'On or near A Road' })
    }
  })
})
