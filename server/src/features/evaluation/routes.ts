import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorAnswer } from '../../lib/error-answer.js'
import { PERIOD_HEADER, periodHeaderValue, periodInData } from '../summary/period-in-data.js'
import { conflict } from '../../lib/errors.js'
import { STAFF } from '../users/roles.js'
import { checkControlCells, evaluateTask } from './evaluate-task.js'
import { evaluatePartnership } from './partnership.js'
import { partnershipCsv } from './partnership-csv.js'
import { EvaluationId, EvaluationQuery, EvaluationSchema, PartnershipQuery, PartnershipSchema } from './schemas.js'

/**
 * Did it work (issue 13, docs/evaluation.md): one task's WDD against a control, and the partnership's view of a period.
 * Staff only (docs/access.md): the evaluation draws its control from the whole council's incident-level counts, and a
 * councillor's ward figures are aggregates with small counts protected, which a control of a few cells is not.
 */
export const evaluationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.pg.pool

  app.get(
    '/api/evaluation/tasks/:id',
    {
      config: { access: STAFF },
      schema: {
        summary:
          'Did a task work: incidents in its area, a ring around it and a control, in equal periods of whole months before and from its start; the WDD with SE, z and p on counts and on harm, in words, with its limits',
        tags: ['evaluation'],
        params: EvaluationId,
        querystring: EvaluationQuery,
        response: { 200: EvaluationSchema, 404: ErrorAnswer, 409: ErrorAnswer },
      },
    },
    async (request) => {
      const query = request.query
      const control = query.control === 'auto' ? 'auto' : checkControlCells(query.control.split(','))
      return evaluateTask(pool, await app.dataPeriod.months(), request.params.id, {
        months: query.months,
        bufferMetres: query.bufferMetres,
        control,
        measure: query.measure,
      })
    },
  )

  app.get(
    '/api/evaluation/partnership',
    {
      config: { access: STAFF },
      schema: {
        summary:
          'Every task that ran in a period with its WDD, and all targeted areas against the rest of their councils (this period against the equal one before); `format=csv` for a spreadsheet',
        tags: ['evaluation'],
        querystring: PartnershipQuery,
        response: { 200: PartnershipSchema, 409: ErrorAnswer },
      },
    },
    async (request, reply) => {
      const { period } = periodInData(await app.dataPeriod.get(), request.query)
      if (period === null) throw conflict('there is no data yet: import police.uk data before evaluating tasks')
      reply.header(PERIOD_HEADER, periodHeaderValue(period))
      const answer = await evaluatePartnership(pool, await app.dataPeriod.months(), period)
      if (request.query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="patrolmap-evaluation-${period.from}-to-${period.to}.csv"`)
          // Text, not the JSON schema's shape: the type provider knows only the JSON answer.
          .send(`\uFEFF${partnershipCsv(answer)}` as unknown as typeof answer)
      }
      return answer
    },
  )
}
