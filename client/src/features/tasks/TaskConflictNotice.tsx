import { formatDateTime } from '../../shared/dates'
import { changedFields } from './task-form'
import type { TaskEdit } from './use-task-edit'

/** After a stale edit's 409: who changed the task and what, and the two ways on (neither overwrites their change unseen). */
export function TaskConflictNotice({ edit }: { edit: TaskEdit }) {
  const { theirs, base } = edit
  if (!theirs) return null
  const changed = changedFields(base, theirs)
  return (
    <div className="task-conflict" role="alert" data-testid="task-conflict">
      <p>
        <strong>Someone else changed this task</strong> while you were editing: it is now version {theirs.version}
        {theirs.updatedBy ? `, saved by ${theirs.updatedBy.name}` : ''} at {formatDateTime(theirs.updatedAt)} (you started from version {base.version}).
        {changed.length > 0 ? ` They changed: ${changed.join(', ')}.` : ''} Nothing of yours was saved.
      </p>
      <div className="button-row">
        <button type="button" onClick={edit.takeTheirs} data-testid="conflict-reload">
          Load their version (discard my edits)
        </button>
        <button type="button" onClick={edit.reapplyMine} data-testid="conflict-reapply">
          Reapply my edits on their version
        </button>
      </div>
    </div>
  )
}
