import { useSearch } from '../../app/navigation'
import { PopCreate } from './PopCreate'
import { PopDetailView } from './PopDetailView'
import { PopRegister } from './PopRegister'
import { popIdOf } from './pops-api'
import '../tasks/tasks.css'
import './pops.css'

/** The POP register for those who run it (inspectors, analysts, admins): the register, one POP, or a new one. */
export function PopsPage() {
  const search = useSearch()
  const popId = popIdOf(search)
  const creating = new URLSearchParams(search).get('new') === 'area'
  return (
    <div className="content pops-page">
      {creating ? <PopCreate /> : popId !== null ? <PopDetailView key={popId} id={popId} /> : <PopRegister />}
    </div>
  )
}
