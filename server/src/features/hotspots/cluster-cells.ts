import { gridDisk } from 'h3-js'

/**
 * Groups cells into clusters of touching cells (sharing an edge: grid distance 1), whatever neighbourhood Gi* used.
 * Cells are taken in sorted order and each cluster's cells come out sorted, so the clustering is deterministic.
 */
export function clusterCells(cells: readonly string[]): string[][] {
  const remaining = new Set(cells)
  const clusters: string[][] = []
  for (const start of [...cells].sort()) {
    if (!remaining.has(start)) continue
    remaining.delete(start)
    const cluster = [start]
    for (let next = 0; next < cluster.length; next++) {
      for (const neighbour of gridDisk(cluster[next], 1)) {
        if (remaining.delete(neighbour)) cluster.push(neighbour)
      }
    }
    clusters.push(cluster.sort())
  }
  return clusters
}
