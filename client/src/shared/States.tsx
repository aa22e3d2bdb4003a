import type { ReactNode } from 'react'
import { errorMessage } from './api'

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" data-testid="loading">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  )
}

export function ErrorState({ title, error, onRetry }: { title: string; error: unknown; onRetry?(): void }) {
  return (
    <div className="state state-error" role="alert" data-testid="error">
      <span>
        <strong>{title}</strong> {errorMessage(error)}
      </span>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  )
}

export function EmptyState({ children, testId = 'empty' }: { children: ReactNode; testId?: string }) {
  return (
    <div className="state state-empty" role="status" data-testid={testId}>
      {children}
    </div>
  )
}

/** A form's error line: announced when it appears, tied to the form by id for screen readers. */
export function FormError({ id, message, testId }: { id: string; message: string | null; testId?: string }) {
  return (
    <p id={id} className="form-error" role="alert" data-testid={testId} hidden={!message}>
      {message}
    </p>
  )
}
