import { gridDisk, gridDistance, gridPathCells, latLngToCell } from 'h3-js'
import { describe, expect, it } from 'vitest'
import { clusterCells } from './cluster-cells.js'

describe('clusterCells', () => {
  const centre = latLngToCell(54.5655, -1.3187, 9)
  const ring = gridDisk(centre, 1)
  const far = latLngToCell(54.6, -1.2, 9)

  it('joins touching cells and keeps separate ones apart', () => {
    const clusters = clusterCells([...ring, far])
    expect(clusters).toHaveLength(2)
    expect(clusters.find((cluster) => cluster.includes(centre))).toEqual([...ring].sort())
    expect(clusters.find((cluster) => cluster.includes(far))).toEqual([far])
  })

  it('chains through cells that touch one after another', () => {
    const line = gridPathCells(centre, gridDisk(centre, 6).find((cell) => gridDistance(centre, cell) === 6)!)
    expect(line).toHaveLength(7)
    expect(clusterCells(line)).toEqual([[...line].sort()])
  })

  it('is deterministic whatever the input order', () => {
    const cells = [...ring, far]
    expect(clusterCells([...cells].reverse())).toEqual(clusterCells(cells))
  })
})
