import type { RepeatLocationsAnswer } from '../../../../server/src/features/repeat-locations/schemas'
import { formatMonth } from '../../../../server/src/lib/months'
import { downloadText } from '../../shared/download'
import { csvField, formatCount } from '../../shared/format'
import { EmptyState, ErrorState, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'

const MIN_INCIDENTS = 3

export function repeatLocationsUrl(filter: { source: string | null; ward: string | null; category: string | null }): string {
  const query = new URLSearchParams({ months: '12', minIncidents: String(MIN_INCIDENTS), limit: '100' })
  if (filter.source) query.set('source', filter.source)
  if (filter.ward) query.set('ward', filter.ward)
  if (filter.category) query.set('categories', filter.category)
  return `/api/repeat-locations?${query.toString()}`
}

export function repeatLocationsCsv(answer: RepeatLocationsAnswer): string {
  const lines = [
    ['place', 'kind', 'incidents', 'ward', 'first', 'last', 'categories', 'sources', 'longitude', 'latitude'].join(','),
    ...answer.items.map((item) =>
      [
        item.label ?? '', item.kind, item.incidents, item.ward?.name ?? '', item.firstDay, item.lastDay,
        item.categories.map((entry) => `${entry.category} ${entry.incidents}`).join('; '), item.sources.join('; '), item.lon ?? '', item.lat ?? '',
      ].map(csvField).join(','),
    ),
  ]
  return `${lines.join('\r\n')}\r\n`
}

/**
 * Repeat locations (issue 15): the places with 3 or more incidents in the last 12 months of the data, for the action
 * plans' "identify repeat victims / properties". Personal data: staff only, and the page says how to treat it.
 */
export function RepeatLocations({ source, ward, category }: { source: string | null; ward: string | null; category: string | null }) {
  const answer = useApiQuery<RepeatLocationsAnswer>(repeatLocationsUrl({ source, ward, category }))
  const data = answer.data
  return (
    <section className="repeat-locations" aria-labelledby="repeat-locations-title" data-testid="repeat-locations">
      <h2 id="repeat-locations-title">Repeat locations</h2>
      <p className="personal-data-note" data-testid="repeat-personal-data">
        Personal data: an address with repeated reports can identify a household or a victim. Use this list for problem-solving within the
        partnership only; do not publish it or share it beyond the people working the problem. Councillors do not see it.
      </p>
      {answer.error ? (
        <ErrorState title="The repeat locations could not be loaded:" error={answer.error} onRetry={answer.refetch} />
      ) : !data ? (
        <LoadingState label="Finding repeat locations…" />
      ) : (
        <>
          <p className="hint">
            Places with {MIN_INCIDENTS} or more incidents{data.fromMonth ? ` since ${formatMonth(data.fromMonth)}` : ''} (12 months up to the latest data), busiest first, in the
            filter above. A police.uk place is an anonymised map point standing for several addresses nearby; a log&rsquo;s place is its address as written.
          </p>
          {data.items.length === 0 ? (
            <EmptyState testId="repeat-empty">No place has {MIN_INCIDENTS} or more incidents in this filter.</EmptyState>
          ) : (
            <>
              <button type="button" data-testid="repeat-csv" onClick={() => downloadText('repeat-locations.csv', repeatLocationsCsv(data), 'text/csv;charset=utf-8')}>
                Download CSV
              </button>
              <div className="table-scroll">
                <table className="repeat-table" data-testid="repeat-table">
                  <thead>
                    <tr>
                      <th scope="col">Place</th>
                      <th scope="col">Incidents</th>
                      <th scope="col">Ward</th>
                      <th scope="col">First – last</th>
                      <th scope="col">What</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((item, at) => (
                      <tr key={`${item.kind}-${item.label}-${at}`} data-testid="repeat-row">
                        <th scope="row">
                          {item.label ?? 'unnamed place'}
                          <span className="hint"> ({item.kind === 'point' ? 'map point' : 'address'})</span>
                        </th>
                        <td className="number">{formatCount(item.incidents)}</td>
                        <td>{item.ward?.name ?? 'outside the wards'}</td>
                        <td>
                          {item.firstDay} – {item.lastDay}
                        </td>
                        <td>{item.categories.map((entry) => `${entry.category} ${formatCount(entry.incidents)}`).join(', ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </>
      )}
    </section>
  )
}
