import './tasks.css'
import { DELIVERY_CLASSES, TASK_AREA_FILL_ALPHA } from './task-area-layer'

/** The map legend's entry for task areas: what each shade says about this week's dosage. */
export function TaskAreaLegend({ count }: { count: number }) {
  return (
    <div className="legend-task-areas" data-testid="legend-task-areas">
      <h3 className="legend-title">
        Task areas ({count}): this week’s patrol dosage delivered
      </h3>
      <ul className="legend-classes">
        {DELIVERY_CLASSES.map((entry) => (
          <li key={entry.id}>
            <span
              className="legend-swatch"
              style={{ background: `rgba(${entry.colour.join(', ')}, ${TASK_AREA_FILL_ALPHA / 255})`, outline: `2px solid rgb(${entry.colour.join(', ')})`, outlineOffset: -2 }}
              aria-hidden="true"
            />
            {entry.label}
          </li>
        ))}
      </ul>
    </div>
  )
}
