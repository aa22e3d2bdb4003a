import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from 'recharts'
import { chartMaximum, chartValue, type WeeklyReport } from './weekly-reports-api'

/**
 * The 12-period trend as bars on a fixed scale (chartMaximum's ladder) and a fixed size, no animation: the print page
 * and its PDF draw it at once, and one report's chart reads against the next. A small total has no bar but its "<3"
 * label; an "at least" total draws at its bound, labelled "≥N"; a period before the data began says "no data".
 */
export function TrendChart({ report }: { report: WeeklyReport }) {
  const data = report.trend.map((point) => ({
    label: report.period.kind === 'week' ? point.period.slice(5) : point.period,
    value: chartValue(point.total),
    shown: point.total === null ? 'no data' : typeof point.total === 'number' ? String(point.total) : point.total.replace('>=', '≥'),
  }))
  const maximum = chartMaximum(report.trend.map((point) => point.total))
  return (
    <div className="trend-chart" data-testid="weekly-trend">
      <BarChart width={640} height={220} data={data} margin={{ top: 18, right: 8, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
        <YAxis domain={[0, maximum]} allowDataOverflow tick={{ fontSize: 11 }} width={40} />
        <Bar dataKey="value" fill="#457b9d" isAnimationActive={false}>
          <LabelList dataKey="shown" position="top" fontSize={10} />
        </Bar>
      </BarChart>
    </div>
  )
}
