import { useId } from 'react'
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import { formatCount } from '../../shared/format'
import {
  concentrationChartData,
  concentrationReading,
  forecastChartData,
  forecastReading,
  CONCENTRATION_MAX_CELL_PERCENT,
  READING_CELL_SHARE,
} from './chart-data'
import type { ConcentrationAnswer, ForecastAnswer } from './hotspot-api'
import { formatMeasureValue, measureHeading, measureNoun } from './measure'
import { formatShare } from './problem-locations'
import { formatMonth } from '../../../../server/src/lib/months'

/** Inside the results panel (its width less its padding). */
export const CHART_WIDTH = 368
const CHART_HEIGHT = 230
const AXIS_TICK = { fontSize: 11, fill: '#374151' }
const AXIS_LABEL = { fontSize: 11, fill: '#111827' }

const percentTick = (value: number) => `${value}%`

/** Share of incidents (or harm) against share of cells, busiest cells first: one line per council. */
export function ConcentrationChart({ answer, subject }: { answer: ConcentrationAnswer; subject: string }) {
  const id = useId()
  const { series, points } = concentrationChartData(answer)
  const reading = concentrationReading(answer, subject)
  const shares = answer.areas[0]?.top.map((entry) => entry.cellShare) ?? []
  return (
    <figure className="chart" data-testid="concentration-chart" aria-labelledby={`${id}-reading`}>
      <p className="chart-reading" id={`${id}-reading`} data-testid="concentration-reading">
        {reading}
      </p>
      {series.length === 0 ? null : (
        <LineChart
          width={CHART_WIDTH}
          height={CHART_HEIGHT}
          data={points}
          margin={{ top: 6, right: 12, bottom: 22, left: 4 }}
          role="img"
          title={`Concentration of ${subject}: share of ${measureNoun(answer.measure)} against share of cells, per council`}
          desc={reading}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke="#e5e7eb" />
          <XAxis
            dataKey="cellPercent"
            type="number"
            domain={[0, CONCENTRATION_MAX_CELL_PERCENT]}
            ticks={[0, 10, 20, 30, 40, 50]}
            tickFormatter={percentTick}
            tick={AXIS_TICK}
            label={{ value: 'Share of cells, busiest first', position: 'insideBottom', offset: -14, style: AXIS_LABEL }}
          />
          <YAxis
            type="number"
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tickFormatter={percentTick}
            tick={AXIS_TICK}
            width={60}
            label={{ value: `Share of ${measureNoun(answer.measure)}`, angle: -90, position: 'insideLeft', offset: 4, dy: 50, style: AXIS_LABEL }}
          />
          <ReferenceLine x={READING_CELL_SHARE * 100} stroke="#6b7280" strokeDasharray="3 3" />
          <Tooltip
            formatter={(value) => `${value}%`}
            labelFormatter={(label) => `Busiest ${label}% of cells`}
            contentStyle={{ fontSize: 12 }}
          />
          <Legend verticalAlign="top" height={24} iconSize={10} wrapperStyle={{ fontSize: 11 }} />
          {series.map((entry) => (
            <Line
              key={entry.key}
              type="linear"
              dataKey={entry.key}
              name={entry.name}
              stroke={entry.colour}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
      <details className="chart-table">
        <summary>Show the numbers as a table</summary>
        <div className="table-scroll">
          <table className="data-table compact" data-testid="concentration-table">
            <caption>Share of {subject} in the busiest cells, per council</caption>
            <thead>
              <tr>
                <th scope="col">Council</th>
                <th scope="col" className="numeric">
                  Cells
                </th>
                <th scope="col" className="numeric">
                  {measureHeading(answer.measure)}
                </th>
                {shares.map((share) => (
                  <th key={share} scope="col" className="numeric">
                    Top {formatShare(share)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {answer.areas.map((area) => (
                <tr key={area.code}>
                  <th scope="row">{area.name}</th>
                  <td className="numeric">{formatCount(area.cells)}</td>
                  <td className="numeric">{formatMeasureValue(area.total, answer.measure)}</td>
                  {area.top.map((entry) => (
                    <td key={entry.cellShare} className="numeric">
                      {area.total > 0 ? formatShare(entry.valueShare) : '–'}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  )
}

/** Hit rate and PAI of last months' busiest cells, month by month. */
export function ForecastChart({ answer, subject }: { answer: ForecastAnswer; subject: string }) {
  const id = useId()
  const points = forecastChartData(answer)
  const reading = forecastReading(answer, subject)
  return (
    <figure className="chart" data-testid="forecast-chart" aria-labelledby={`${id}-reading`}>
      <p className="chart-reading" id={`${id}-reading`} data-testid="forecast-reading">
        {reading}
      </p>
      {points.length === 0 ? null : (
        <LineChart
          width={CHART_WIDTH}
          height={CHART_HEIGHT}
          data={points}
          margin={{ top: 6, right: 4, bottom: 22, left: 4 }}
          role="img"
          title={`Forecast accuracy for ${subject}: hit rate and PAI by month`}
          desc={reading}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke="#e5e7eb" />
          <XAxis
            dataKey="month"
            tickFormatter={(month: string) => formatMonth(month).replace(' 20', ' ’')}
            tick={AXIS_TICK}
            interval="preserveStartEnd"
            label={{ value: 'Month forecast', position: 'insideBottom', offset: -14, style: AXIS_LABEL }}
          />
          <YAxis
            yAxisId="hit"
            type="number"
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tickFormatter={percentTick}
            tick={AXIS_TICK}
            width={60}
            label={{ value: 'Hit rate', angle: -90, position: 'insideLeft', offset: 4, dy: 24, style: AXIS_LABEL }}
          />
          <YAxis
            yAxisId="pai"
            orientation="right"
            type="number"
            domain={[0, 'auto']}
            tick={AXIS_TICK}
            width={48}
            label={{ value: 'PAI', angle: 90, position: 'insideRight', offset: 4, style: AXIS_LABEL }}
          />
          <Tooltip labelFormatter={(month) => formatMonth(String(month))} contentStyle={{ fontSize: 12 }} />
          <Legend verticalAlign="top" height={24} iconSize={10} wrapperStyle={{ fontSize: 11 }} />
          <Line
            yAxisId="hit"
            type="linear"
            dataKey="hitRate"
            name="Hit rate (%)"
            stroke="#0072B2"
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
            connectNulls={false}
          />
          <Line
            yAxisId="pai"
            type="linear"
            dataKey="pai"
            name="PAI"
            stroke="#D55E00"
            strokeWidth={2}
            strokeDasharray="5 3"
            dot={{ r: 3 }}
            isAnimationActive={false}
            connectNulls={false}
          />
        </LineChart>
      )}
      {points.length > 0 && (
        <details className="chart-table">
          <summary>Show the numbers as a table</summary>
          <div className="table-scroll">
            <table className="data-table compact" data-testid="forecast-table">
              <caption>
                The busiest {formatShare(answer.top)} of cells by the previous {answer.lookback} months, scored on each month
              </caption>
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col" className="numeric">
                    Caught
                  </th>
                  <th scope="col" className="numeric">
                    Hit rate
                  </th>
                  <th scope="col" className="numeric">
                    PAI
                  </th>
                  <th scope="col" className="numeric">
                    PEI
                  </th>
                </tr>
              </thead>
              <tbody>
                {answer.months.map((month) => (
                  <tr key={month.month}>
                    <th scope="row">{formatMonth(month.month)}</th>
                    <td className="numeric">
                      {formatMeasureValue(month.captured, answer.measure)} of {formatMeasureValue(month.total, answer.measure)}
                    </td>
                    <td className="numeric">{formatShare(month.hitRate)}</td>
                    <td className="numeric">{month.pai === null ? '–' : month.pai.toFixed(1)}</td>
                    <td className="numeric">{month.pei === null ? '–' : month.pei.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="hint">
            Hit rate: share of the month’s {measureNoun(answer.measure)} in the picked cells. PAI: hit rate divided by the share of area picked
            (1 = no better than chance). PEI: PAI against the best possible pick of the same size (1 = perfect).
          </p>
        </details>
      )}
    </figure>
  )
}
