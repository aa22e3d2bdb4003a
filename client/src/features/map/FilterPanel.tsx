import { useId, useMemo, type ReactNode } from 'react'
import type { WardFeature } from './map-api'
import { categorySlug, type CategoryOption } from '../../shared/categories'
import { formatCount } from '../../shared/format'
import { H3_RESOLUTIONS, type H3Resolution, type ResolutionChoice } from './h3-resolution'
import { MonthSelect } from '../../shared/MonthSelect'
import { comparisonMonths, describeChange, type Comparison } from '../../shared/period-change'
import { choiceOf, describePreset, PERIOD_OPTION_LABELS, periodOptionOf, shownRange, type DataPeriod, type PeriodOption } from '../../shared/period-presets'
import { groupWardsByCouncil } from '../../shared/ward-groups'
import type { Filters } from './view-state-url'
import type { MapMode } from '../hotspots/hotspot-url'

/** Approximate flat-to-flat width of an H3 cell, so "resolution 8" means something to a patrol planner. */
export const CELL_WIDTH: Record<H3Resolution, string> = {
  6: '6 km',
  7: '2.4 km',
  8: '900 m',
  9: '350 m',
  10: '130 m',
}

interface FilterPanelProps {
  filters: Filters
  categoryOptions: CategoryOption[]
  months: string[]
  /** The full data span, shown in the selects when the filter is open-ended. */
  period: DataPeriod | null
  wards: readonly WardFeature[]
  total: number | null
  /** The total in the equal period before and what that period is (the summary's); no change is shown without them. */
  previousTotal: number | null
  comparison: Comparison | null
  outsideArea: number | null
  /** Incidents police.uk gives no location, counted in the total but on no map. */
  withoutLocation: number | null
  autoResolution: H3Resolution
  onChange(update: Partial<Filters>): void
  open: boolean
  onToggle(): void
  /** Incidents (counts per hexagon) or Hotspots (the analysis); the filters above are shared by both. */
  mode: MapMode
  onModeChange(mode: MapMode): void
  /** Hotspots mode's own controls, shown instead of the hexagon size. */
  hotspotControls?: ReactNode
}

export function FilterPanel(props: FilterPanelProps) {
  const { filters, categoryOptions, months, period, wards, total, outsideArea, withoutLocation, autoResolution, onChange, open, mode } = props
  const { comparison } = props
  const idPrefix = useId()
  const bodyId = `${idPrefix}-body`
  const councilGroups = useMemo(() => groupWardsByCouncil(wards), [wards])
  const selected = new Set(filters.categories)

  const shown = shownRange(filters, period)
  const fromValue = shown?.from ?? ''
  const toValue = shown?.to ?? ''
  const presetHint = describePreset(filters)

  function toggleCategory(category: string, checked: boolean) {
    const next = categoryOptions
      .map((option) => option.category)
      .filter((name) => (name === category ? checked : selected.has(name)))
    onChange({ categories: next })
  }

  // A month picked leaves a preset for fixed months: the other end stays the month it showed.
  function changeFrom(month: string) {
    const to = filters.preset ? toValue || null : filters.to
    onChange(toValue && month > toValue ? { preset: null, from: month, to: month } : { preset: null, from: month, to })
  }

  function changeTo(month: string) {
    const from = filters.preset ? fromValue || null : filters.from
    onChange(fromValue && month < fromValue ? { preset: null, from: month, to: month } : { preset: null, from, to: month })
  }

  const wardKnown = filters.ward === null || wards.some((ward) => ward.properties.code === filters.ward)

  return (
    <aside className={`panel${open ? '' : ' panel-closed'}`} aria-label="Map filters">
      <header className="panel-header">
        <div>
          <h1>Hotspot map</h1>
          <div className="mode-switch" role="group" aria-label="What the map shows">
            <button
              type="button"
              data-testid="mode-incidents"
              aria-pressed={mode === 'incidents'}
              onClick={() => props.onModeChange('incidents')}
            >
              Incidents
            </button>
            <button
              type="button"
              data-testid="mode-hotspots"
              aria-pressed={mode === 'hotspots'}
              onClick={() => props.onModeChange('hotspots')}
            >
              Hotspots
            </button>
          </div>
        </div>
        <button
          type="button"
          className="panel-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={props.onToggle}
        >
          {open ? 'Hide filters' : 'Show filters'}
        </button>
      </header>

      <div id={bodyId} className="panel-body" hidden={!open}>
        <p className="total" data-testid="total" aria-live="polite">
          {total === null ? (
            'Counting incidents…'
          ) : (
            <>
              <strong>{formatCount(total)}</strong> {total === 1 ? 'incident matches' : 'incidents match'}
              {filters.categories.length > 0 && comparison && (
                <>
                  ,{' '}
                  <span data-testid="total-change" title={`Against ${comparisonMonths(comparison)}`}>
                    {describeChange(total, props.previousTotal, comparison)}
                  </span>
                </>
              )}
            </>
          )}
        </p>
        {outsideArea !== null && outsideArea > 0 && (
          <p className="hint">
            Of these, {formatCount(outsideArea)} {outsideArea === 1 ? 'lies' : 'lie'} outside every ward of the
            partnership.
          </p>
        )}
        {withoutLocation !== null && withoutLocation > 0 && (
          <p className="hint">
            {formatCount(withoutLocation)} {withoutLocation === 1 ? 'has' : 'have'} no location (police.uk gives none), so{' '}
            {withoutLocation === 1 ? 'it is' : 'they are'} counted here but not on the map or in hotspot analyses.
          </p>
        )}

        {/* A labelled group rather than a fieldset, so the All/None buttons can sit on the heading's line. */}
        <div className="field" role="group" aria-labelledby={`${idPrefix}-categories`}>
          <div className="field-heading">
            <span className="field-title" id={`${idPrefix}-categories`}>
              Categories
            </span>
            <div className="button-row">
              <button
                type="button"
                onClick={() => onChange({ categories: categoryOptions.map((option) => option.category) })}
              >
                All
              </button>
              <button type="button" onClick={() => onChange({ categories: [] })}>
                None
              </button>
            </div>
          </div>
          <ul className="category-list">
            {categoryOptions.map((option) => {
              const inputId = `${idPrefix}-category-${categorySlug(option.category)}`
              return (
                <li key={option.category}>
                  <input
                    id={inputId}
                    type="checkbox"
                    data-testid={`category-${categorySlug(option.category)}`}
                    checked={selected.has(option.category)}
                    onChange={(event) => toggleCategory(option.category, event.target.checked)}
                  />
                  <label htmlFor={inputId}>
                    <span className="category-name">{option.category}</span>
                    <span className="category-count">{option.count === null ? '' : formatCount(option.count)}</span>
                  </label>
                </li>
              )
            })}
          </ul>
        </div>

        {/* A labelled group rather than a fieldset, so the presets can sit on the heading's line (as Categories' buttons do). */}
        <div className="field" role="group" aria-labelledby={`${idPrefix}-period`}>
          <div className="field-heading">
            <span className="field-title" id={`${idPrefix}-period`}>
              Period
            </span>
            <select
              className="period-preset"
              data-testid="period-preset"
              aria-label="Period preset"
              aria-describedby={presetHint ? `${idPrefix}-period-hint` : undefined}
              value={periodOptionOf(filters)}
              onChange={(event) => onChange(choiceOf(event.target.value as PeriodOption, filters, period))}
            >
              {(Object.keys(PERIOD_OPTION_LABELS) as PeriodOption[]).map((option) => (
                <option key={option} value={option}>
                  {PERIOD_OPTION_LABELS[option]}
                </option>
              ))}
            </select>
          </div>
          <div className="month-row">
            <MonthSelect label="From" testId="filter-from" months={months} value={fromValue} onChange={changeFrom} />
            <MonthSelect label="To" testId="filter-to" months={months} value={toValue} onChange={changeTo} />
          </div>
          {presetHint && (
            <p className="hint field-hint" id={`${idPrefix}-period-hint`} data-testid="period-hint">
              {presetHint}
            </p>
          )}
        </div>

        <div className="field">
          <label htmlFor={`${idPrefix}-ward`}>Ward</label>
          <select
            id={`${idPrefix}-ward`}
            data-testid="filter-ward"
            value={filters.ward ?? ''}
            aria-describedby={mode === 'hotspots' && filters.ward ? `${idPrefix}-ward-hint` : undefined}
            onChange={(event) => onChange({ ward: event.target.value || null })}
          >
            <option value="">All wards</option>
            {!wardKnown && filters.ward && <option value={filters.ward}>{filters.ward}</option>}
            {councilGroups.map((group) => (
              <optgroup key={group.councilName} label={group.councilName}>
                {group.wards.map((ward) => (
                  <option key={ward.code} value={ward.code}>
                    {ward.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {mode === 'hotspots' && filters.ward && (
            <p className="hint field-hint" id={`${idPrefix}-ward-hint`} data-testid="ward-hotspot-hint">
              Only this ward’s incidents count; cells elsewhere count as empty, so its cells will read as hot. For a
              fair comparison choose All wards.
            </p>
          )}
        </div>

        {mode === 'hotspots' ? (
          props.hotspotControls
        ) : (
          <div className="field">
            <label htmlFor={`${idPrefix}-res`}>Hexagon size (H3 resolution)</label>
            <select
              id={`${idPrefix}-res`}
              data-testid="filter-res"
              aria-describedby={`${idPrefix}-res-hint`}
              value={String(filters.res)}
              onChange={(event) => {
                const value = event.target.value
                onChange({ res: value === 'auto' ? 'auto' : (Number(value) as ResolutionChoice) })
              }}
            >
              <option value="auto">Auto (follows zoom)</option>
              {H3_RESOLUTIONS.map((resolution) => (
                <option key={resolution} value={String(resolution)}>
                  {resolution} (~{CELL_WIDTH[resolution]} cells)
                </option>
              ))}
            </select>
            <p className="hint field-hint" id={`${idPrefix}-res-hint`}>
              {filters.res === 'auto'
                ? `Now ${autoResolution}: cells about ${CELL_WIDTH[autoResolution]} across.${
                    autoResolution < H3_RESOLUTIONS[H3_RESOLUTIONS.length - 1] ? ' Zoom in for finer cells.' : ''
                  }`
                : `Cells about ${CELL_WIDTH[filters.res]} across at every zoom.`}
            </p>
          </div>
        )}
      </div>
    </aside>
  )
}
