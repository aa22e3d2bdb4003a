import type { PublicWards } from './reports-api'

export interface Pin {
  lon: number
  lat: number
}

/** The ward a point lies in, by the wards' outlines (ray casting on each ring; enough for showing a name). */
export function wardAt(wards: PublicWards, pin: Pin): { code: string; name: string } | null {
  const inside = (ring: number[][]) => {
    let hit = false
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]
      const [xj, yj] = ring[j]
      if (yi > pin.lat !== yj > pin.lat && pin.lon < ((xj - xi) * (pin.lat - yi)) / (yj - yi) + xi) hit = !hit
    }
    return hit
  }
  for (const feature of wards.features) {
    const geometry = feature.geometry as { type: string; coordinates: number[][][][] }
    const polygons = geometry.type === 'MultiPolygon' ? geometry.coordinates : [geometry.coordinates as unknown as number[][][]]
    for (const polygon of polygons) {
      if (inside(polygon[0]) && !polygon.slice(1).some(inside)) return { code: feature.properties.code, name: feature.properties.name }
    }
  }
  return null
}
