import { downloadText } from '../../shared/download'
import { exportFileName, type Export } from './cctv-export'

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10)
}

/** Export buttons: the same table as CSV and as GeoJSON. */
export function ExportButtons({ what, label, build, testId }: { what: string; label: string; build: (() => Export) | null; testId: string }) {
  return (
    <span className="cctv-exports">
      <button type="button" disabled={!build} onClick={() => build && downloadText(exportFileName(what, todayIso(), 'csv'), build().csv, 'text/csv;charset=utf-8')} data-testid={`${testId}-csv`}>
        {label} CSV
      </button>
      <button
        type="button"
        disabled={!build}
        onClick={() => build && downloadText(exportFileName(what, todayIso(), 'geojson'), build().geojson, 'application/geo+json')}
        data-testid={`${testId}-geojson`}
      >
        {label} GeoJSON
      </button>
    </span>
  )
}
