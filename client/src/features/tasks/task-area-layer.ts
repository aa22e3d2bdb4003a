import { GeoJsonLayer } from '@deck.gl/layers'
import type { Feature, MultiPolygon } from 'geojson'
import { deliveredShare } from './dosage-words'
import type { TaskListItem } from './tasks-api'

export const TASK_AREA_LAYER_ID = 'task-areas'

/** The tasks whose areas the map shows: those being patrolled, whose dosage this week is expected; with their areas. */
export const MAP_TASKS_URL = '/api/tasks?status=tasked,in_progress&geometry=true'

type Rgb = [number, number, number]

export interface DeliveryClass {
  id: 'none' | 'under-half' | 'half' | 'all' | 'no-target'
  label: string
  colour: Rgb
}

/** This week's dosage delivered, in four steps a JAG reads at a glance (red: nothing yet; green: all of it). */
export const DELIVERY_CLASSES: readonly DeliveryClass[] = [
  { id: 'none', label: 'None delivered yet', colour: [215, 48, 39] },
  { id: 'under-half', label: 'Under half', colour: [244, 165, 60] },
  { id: 'half', label: 'Half or more', colour: [166, 217, 106] },
  { id: 'all', label: 'All delivered', colour: [26, 152, 80] },
  { id: 'no-target', label: 'No visits asked for', colour: [120, 120, 120] },
]

export const TASK_AREA_FILL_ALPHA = 90

export function deliveryClassOf(share: number | null): DeliveryClass {
  const [none, underHalf, half, all, noTarget] = DELIVERY_CLASSES
  if (share === null) return noTarget
  if (share <= 0) return none
  if (share < 0.5) return underHalf
  return share < 1 ? half : all
}

interface TaskAreaProperties {
  id: number
  title: string
  colour: Rgb
}

export function taskAreaFeatures(tasks: readonly TaskListItem[]): Feature<MultiPolygon, TaskAreaProperties>[] {
  // A list asked for without geometry=true has no areas to draw.
  return tasks.flatMap((task) => {
    const geometry = task.area.geometry
    if (!geometry) return []
    const colour = deliveryClassOf(deliveredShare(task.delivery.thisWeek)).colour
    return [{ type: 'Feature', geometry, properties: { id: task.id, title: task.title, colour } }]
  })
}

/** Task areas shaded by the share of this week's dosage delivered, outlined in the same colour. */
export function buildTaskAreaLayer(tasks: readonly TaskListItem[]): GeoJsonLayer<TaskAreaProperties> {
  return new GeoJsonLayer<TaskAreaProperties>({
    id: TASK_AREA_LAYER_ID,
    data: taskAreaFeatures(tasks),
    filled: true,
    stroked: true,
    getFillColor: (feature) => [...feature.properties.colour, TASK_AREA_FILL_ALPHA],
    getLineColor: (feature) => [...feature.properties.colour, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
    pickable: false,
  })
}
