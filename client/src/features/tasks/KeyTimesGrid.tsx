import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { DAY_NAMES, DAYS, describeKeyTimes, HOURS, type KeyTimes } from './tasks-api'

interface KeyTimesGridProps {
  grid: KeyTimes
  /** Absent: the grid is read-only (an officer reading when to patrol). */
  onChange?(grid: KeyTimes): void
  label?: string
}

function withCell(grid: KeyTimes, day: number, hour: number, value: boolean): KeyTimes {
  if (grid[day][hour] === value) return grid
  return grid.map((hours, row) => (row === day ? hours.map((key, column) => (column === hour ? value : key)) : hours))
}

/**
 * The weekday × hour grid of key times. Painted with the mouse or a finger (press on a cell and drag: every cell
 * passed takes the first cell's new value) or from the keyboard (arrows move, space or enter toggles); one cell is in
 * the tab order at a time, as in any grid.
 */
export function KeyTimesGrid({ grid, onChange, label = 'Key times' }: KeyTimesGridProps) {
  const [focus, setFocus] = useState({ day: 0, hour: 0 })
  const paintValue = useRef<boolean | null>(null)
  const cells = useRef<(HTMLButtonElement | null)[]>([])
  const editable = onChange !== undefined
  // Pointer events can come faster than renders during a drag: each paints on the grid as last painted, not as last rendered.
  const latest = useRef(grid)
  useEffect(() => {
    latest.current = grid
  }, [grid])
  const paint = (day: number, hour: number, value: boolean) => {
    const next = withCell(latest.current, day, hour, value)
    if (next === latest.current) return
    latest.current = next
    onChange?.(next)
  }

  const moveFocus = (day: number, hour: number) => {
    const next = { day: Math.max(0, Math.min(DAYS - 1, day)), hour: Math.max(0, Math.min(HOURS - 1, hour)) }
    setFocus(next)
    cells.current[next.day * HOURS + next.hour]?.focus()
  }

  const onKeyDown = (event: KeyboardEvent, day: number, hour: number) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }
    const move = moves[event.key]
    if (move) {
      event.preventDefault()
      moveFocus(day + move[0], hour + move[1])
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault()
      moveFocus(day, event.key === 'Home' ? 0 : HOURS - 1)
    }
  }

  const stopPainting = () => {
    paintValue.current = null
  }

  return (
    <div className="key-times">
      <table className={`key-times-grid${editable ? ' key-times-editable' : ''}`} role="grid" aria-label={label} data-testid="key-times-grid" onPointerLeave={stopPainting} onPointerUp={stopPainting}>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Day</span>
            </th>
            {Array.from({ length: HOURS }, (_, hour) => (
              <th key={hour} scope="col" className="key-times-hour">
                {hour % 3 === 0 ? String(hour).padStart(2, '0') : <span className="visually-hidden">{String(hour).padStart(2, '0')}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.map((hours, day) => (
            <tr key={DAY_NAMES[day]}>
              <th scope="row">{DAY_NAMES[day].slice(0, 3)}</th>
              {hours.map((key, hour) => {
                const name = `${DAY_NAMES[day]} ${String(hour).padStart(2, '0')}:00`
                if (!editable) {
                  return <td key={hour} className={key ? 'key-time-on' : undefined} title={name} aria-label={`${name}${key ? ', key time' : ''}`} data-on={key} />
                }
                return (
                  <td key={hour} role="gridcell" aria-selected={key}>
                    <button
                      type="button"
                      ref={(element) => {
                        cells.current[day * HOURS + hour] = element
                      }}
                      className={key ? 'key-time-on' : undefined}
                      aria-pressed={key}
                      aria-label={name}
                      title={name}
                      data-testid="key-time-cell"
                      data-day={day}
                      data-hour={hour}
                      tabIndex={focus.day === day && focus.hour === hour ? 0 : -1}
                      onPointerDown={(event) => {
                        // A touch would otherwise capture the pointer to this cell and never reach the next ones.
                        ;(event.currentTarget as Element).releasePointerCapture?.(event.pointerId)
                        paintValue.current = !key
                        setFocus({ day, hour })
                        paint(day, hour, !key)
                      }}
                      onPointerEnter={() => {
                        if (paintValue.current !== null) paint(day, hour, paintValue.current)
                      }}
                      onKeyDown={(event) => onKeyDown(event, day, hour)}
                      onClick={(event) => {
                        // Space and enter toggle; a pointer press already painted on pointerdown.
                        if (event.detail === 0) paint(day, hour, !key)
                      }}
                    />
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint" data-testid="key-times-words">
        {describeKeyTimes(grid) === 'none' ? 'No key times marked: patrol at any time.' : `Key times: ${describeKeyTimes(grid)}.`}
      </p>
    </div>
  )
}
