import type { LayersList } from '@deck.gl/core'
import type { Position } from 'geojson'
import { useMemo } from 'react'
import type { HexCell, WardFeature } from './map-api'
import type { EmergingCell, GiStarCell } from '../hotspots/hotspot-api'
import { buildEmergingLayer, buildGistarLayer, buildHighlightLayers, type HighlightedLocation } from '../hotspots/hotspot-layers'
import type { HotspotLayerId } from '../hotspots/hotspot-url'
import { buildColourScale, maxCountOf, type ColourScale } from './colour-scale'
import { councilEdges } from './council-edges'
import { buildHexLayer } from './hex-layer'
import { buildTaskAreaLayer } from '../tasks/task-area-layer'
import type { TaskListItem } from '../tasks/tasks-api'
import { buildCouncilEdgeLayer, buildWardAreaLayer, buildWardLabelLayer, buildWardOutlineLayer, wardsToLabel } from './ward-layers'

export interface MapLayerData {
  /** Null on the Incidents map; the layer on show in Hotspots mode. */
  hotspotLayer: HotspotLayerId | null
  cells: readonly HexCell[]
  gistarCells: readonly GiStarCell[]
  emergingCells: readonly EmergingCell[]
  wardFeatures: readonly WardFeature[]
  selectedWard: string | null
  highlighted: HighlightedLocation | null
  /** Tasks being patrolled, their areas shaded by this week's dosage delivered. */
  taskAreas: readonly TaskListItem[]
  zoom: number
  /** Playback: the colour scale's top from every month's largest count, so a colour means one count in each. */
  scaleMax?: number | null
}

let lastCouncilEdges: { shapesKey: string; paths: Position[][] } | null = null

/**
 * Shapes do not change with the filters, only counts do (each filter brings new features): the boundaries are
 * derived once per set of wards, named by their codes, and the same paths kept so deck.gl need not redo the layer.
 */
function councilEdgesOfShapes(wardFeatures: readonly WardFeature[]): Position[][] {
  const shapesKey = wardFeatures.map((feature) => feature.properties.code).join(',')
  if (lastCouncilEdges?.shapesKey !== shapesKey) lastCouncilEdges = { shapesKey, paths: councilEdges(wardFeatures) }
  return lastCouncilEdges.paths
}

/**
 * The deck.gl layers, bottom to top, each built from plain data by a pure function and rebuilt only when its own
 * data changes; and the hexagons' colour scale, which the legend shows.
 */
export function useMapLayers(data: MapLayerData): { layers: LayersList; scale: ColourScale } {
  const { hotspotLayer, cells, gistarCells, emergingCells, wardFeatures, selectedWard, highlighted, taskAreas, zoom, scaleMax } = data
  // Tenths of a zoom level are finer than anyone can see a label move, and spare needless re-placement.
  const labelZoom = Math.round(zoom * 10) / 10
  const labelledWards = useMemo(() => wardsToLabel(wardFeatures, labelZoom, selectedWard), [wardFeatures, labelZoom, selectedWard])

  const scale = useMemo(() => buildColourScale(scaleMax ?? maxCountOf(cells)), [cells, scaleMax])
  const councilPaths = useMemo(() => councilEdgesOfShapes(wardFeatures), [wardFeatures])
  const dataLayer = useMemo(() => {
    if (hotspotLayer === null) return buildHexLayer(cells, scale)
    return hotspotLayer === 'gistar' ? buildGistarLayer(gistarCells) : buildEmergingLayer(emergingCells)
  }, [hotspotLayer, cells, scale, gistarCells, emergingCells])
  const highlightLayers = useMemo(() => buildHighlightLayers(highlighted), [highlighted])
  const taskAreaLayer = useMemo(() => buildTaskAreaLayer(taskAreas), [taskAreas])
  const layers = useMemo(
    () => [
      buildWardAreaLayer(wardFeatures),
      dataLayer,
      taskAreaLayer,
      buildCouncilEdgeLayer(councilPaths),
      buildWardOutlineLayer(wardFeatures, selectedWard),
      ...highlightLayers,
      buildWardLabelLayer(labelledWards),
    ],
    [wardFeatures, dataLayer, taskAreaLayer, councilPaths, selectedWard, highlightLayers, labelledWards],
  )
  return { layers, scale }
}
