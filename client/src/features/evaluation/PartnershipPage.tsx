import { useId, useMemo, useState } from 'react'
import type { Partnership } from '../../../../server/src/features/evaluation/schemas'
import { formatMonth, monthsOf } from '../../../../server/src/lib/months'
import { followLink } from '../../app/navigation'
import { queryString } from '../../shared/api'
import { MonthSelect } from '../../shared/MonthSelect'
import { EmptyState, ErrorState, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import { percentChange, signed, totalWords } from './evaluation-words'
import './evaluation.css'

const WHOLE_URL = '/api/evaluation/partnership'

const partnershipUrl = (range: { from: string | null; to: string | null }, format?: 'csv') =>
  `${WHOLE_URL}${queryString([['from', range.from], ['to', range.to], ['format', format]])}`

/**
 * The partnership's view (issue 13): every task that ran in a period with its WDD in figures and words, and all
 * targeted areas against the rest of their councils (the published "% reduction in targeted areas"), with a CSV.
 */
export function PartnershipPage() {
  const id = useId()
  const [range, setRange] = useState<{ from: string | null; to: string | null }>({ from: null, to: null })
  const answer = useApiQuery<Partnership>(partnershipUrl(range))
  // The first answer (no period asked) is the data's whole span: the pickers offer its months.
  const whole = useApiQuery<Partnership>(WHOLE_URL)
  const months = useMemo(() => (whole.data ? monthsOf(whole.data.period.from, whole.data.period.to) : []), [whole.data])
  const data = answer.data
  const from = range.from ?? whole.data?.period.from ?? ''
  const to = range.to ?? whole.data?.period.to ?? ''

  return (
    <div className="content partnership-page">
      <h1>Did it work: every task</h1>
      <p className="hint">
        Each task is compared with a control area over equal periods of whole months before and from its start (police.uk gives months only);
        open a task for its chart, its control and its limits.
      </p>
      <div className="partnership-period" role="group" aria-labelledby={`${id}-period`}>
        <span id={`${id}-period`} className="visually-hidden">
          Period
        </span>
        <MonthSelect label="From" testId="partnership-from" months={months} value={from} onChange={(month) => setRange({ from: month, to: to < month ? month : to })} />
        <MonthSelect label="To" testId="partnership-to" months={months} value={to} onChange={(month) => setRange({ from: from > month ? month : from, to: month })} />
        {data && (
          <a className="button" href={partnershipUrl({ from: data.period.from, to: data.period.to }, 'csv')} download data-testid="partnership-csv">
            Download CSV
          </a>
        )}
      </div>
      {answer.error ? (
        <ErrorState title="The evaluation could not be loaded:" error={answer.error} onRetry={answer.refetch} />
      ) : !data ? (
        <LoadingState label="Evaluating every task in the period…" />
      ) : (
        <div aria-busy={answer.loading}>
          <Targeted partnership={data} />
          <h2>Tasks that ran from {formatMonth(data.period.from)} to {formatMonth(data.period.to)}</h2>
          {data.tasks.length === 0 ? (
            <EmptyState testId="partnership-empty">No task ran in this period (proposed tasks are not counted).</EmptyState>
          ) : (
            <div className="table-scroll">
              <table className="partnership-table" data-testid="partnership-table">
                <thead>
                  <tr>
                    <th scope="col">Task</th>
                    <th scope="col">Periods</th>
                    <th scope="col">Task area before → after</th>
                    <th scope="col">WDD (incidents)</th>
                    <th scope="col">In words</th>
                  </tr>
                </thead>
                <tbody>
                  {data.tasks.map((task) => (
                    <tr key={task.id} data-testid="partnership-row">
                      <th scope="row">
                        <a href={`/tasks?task=${task.id}`} onClick={followLink}>
                          #{task.id} {task.title}
                        </a>
                      </th>
                      {task.evaluation === null ? (
                        <td colSpan={4}>Not evaluated: {task.note}</td>
                      ) : (
                        <>
                          <td>
                            {task.evaluation.months} month{task.evaluation.months === 1 ? '' : 's'} each, from {formatMonth(task.evaluation.after.from)}
                          </td>
                          <td className="number">
                            {task.evaluation.counts.treated[0]} → {task.evaluation.counts.treated[1]}
                          </td>
                          <td className="number">
                            {signed(task.evaluation.wdd.count.estTotal)} ± {task.evaluation.wdd.count.seTotal.toFixed(1)}
                          </td>
                          <td>
                            {totalWords(task.evaluation.wdd.count, 'count')}
                            {task.evaluation.caveats.length > 0 && (
                              <span className="hint"> ({task.evaluation.caveats.length} limit{task.evaluation.caveats.length === 1 ? '' : 's'}: see the task)</span>
                            )}
                          </td>
                        </>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </div>
  )
}

function Targeted({ partnership }: { partnership: Partnership }) {
  const { targeted, previous, period } = partnership
  return (
    <section data-testid="partnership-targeted">
      <h2>All targeted areas against the rest of their councils</h2>
      {targeted.note !== null ? (
        <p>{targeted.note}</p>
      ) : (
        <p>
          {formatMonth(period.from)} – {formatMonth(period.to)} against {formatMonth(previous.from)} – {formatMonth(previous.to)}: in the areas
          tasked, incidents went from {targeted.counts.targeted[0].toLocaleString('en-GB')} to {targeted.counts.targeted[1].toLocaleString('en-GB')} (
          {percentChange(targeted.change.targeted)}); in the rest of their councils, {percentChange(targeted.change.rest)}.
          {targeted.expected !== null && targeted.relative !== null && (
            <>
              {' '}
              Had the targeted areas changed as the rest did they would have had about {Math.round(targeted.expected).toLocaleString('en-GB')}: they had{' '}
              <strong>{percentChange(targeted.relative)}</strong> against that.
            </>
          )}
        </p>
      )}
    </section>
  )
}
