interface StatusMessagesProps {
  loading: boolean
  empty: boolean
  /** What "empty" means here; incidents by default. */
  emptyMessage?: string
  errorTitle?: string
  error: Error | null
  onRetry(): void
}

/** Loading, empty and error states share one slot above the map so they never stack on top of each other. */
export function StatusMessages({ loading, empty, emptyMessage, errorTitle, error, onRetry }: StatusMessagesProps) {
  return (
    <div className="status-area">
      {error && (
        <div className="status status-error" role="alert" data-testid="error">
          <span>
            <strong>{errorTitle ?? 'Could not load the map data.'}</strong> {error.message}
          </span>
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        </div>
      )}
      {!error && loading && (
        <div className="status status-loading" role="status" data-testid="loading">
          <span className="spinner" aria-hidden="true" />
          Loading…
        </div>
      )}
      {!error && !loading && empty && (
        <div className="status status-empty" role="status" data-testid="empty">
          {emptyMessage ?? 'No incidents match these filters'}
        </div>
      )}
    </div>
  )
}
