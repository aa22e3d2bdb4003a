import { navigate } from '../../app/navigation'
import { formatAreaKm2 } from '../../shared/format'
import { MAX_AREA_KM2 } from '../../../../server/src/features/tasks/area-limits'
import { pendingAreaOf, selectionAreaKm2, type CellSelection } from './cell-selection'
import { NEW_TASK_PATH, storePendingArea } from './new-task-area'
import './tasks.css'

/**
 * Picking hexagons on the map for a task area. While picking, a click on a hexagon adds it or takes it out (the map
 * page routes the click here instead of opening the hexagon's detail); the picked cells are outlined on the map.
 */
export function PickTaskCells({ selection, onStart, onStop }: { selection: CellSelection | null; onStart(): void; onStop(): void }) {
  if (selection === null) {
    return (
      <button type="button" onClick={onStart} data-testid="pick-cells-start">
        Pick hexagons for a task
      </button>
    )
  }
  const count = selection.cells.length
  const km2 = selectionAreaKm2(selection)
  const tooLarge = km2 > MAX_AREA_KM2
  const task = () => {
    const pending = pendingAreaOf(selection)
    if (!pending) return
    storePendingArea(window.sessionStorage, pending)
    onStop()
    navigate(NEW_TASK_PATH)
  }
  return (
    <>
      <span role="status" data-testid="pick-cells-status">
        {count === 0
          ? 'Click hexagons to add them to the task area; click again to take one out.'
          : `${count} ${count === 1 ? 'hexagon' : 'hexagons'} picked, ${formatAreaKm2(km2)}${tooLarge ? ` (more than the ${MAX_AREA_KM2} km² a task area may cover)` : ''}.`}
        {selection.notice && ` ${selection.notice}`}
      </span>
      <button type="button" onClick={task} disabled={count === 0 || tooLarge} data-testid="pick-cells-task">
        Task a patrol here
      </button>
      <button type="button" onClick={onStop} data-testid="pick-cells-cancel">
        Cancel
      </button>
    </>
  )
}
