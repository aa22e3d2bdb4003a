import { useSearch } from '../../app/navigation'
import { TaskCreate } from './TaskCreate'
import { TaskEditor } from './TaskEditor'
import { TaskListView } from './TaskListView'
import { taskIdOf } from './MyTasksPage'
import './tasks.css'

/** Tasks for those who set them (inspectors, analysts, admins): the list, one task to edit, or a new one. */
export function TasksPage() {
  const search = useSearch()
  const taskId = taskIdOf(search)
  const creating = new URLSearchParams(search).get('new')
  return (
    <div className="content tasks-page">
      {creating !== null ? <TaskCreate fromArea={creating === 'area'} /> : taskId !== null ? <TaskEditor key={taskId} id={taskId} /> : <TaskListView />}
    </div>
  )
}
