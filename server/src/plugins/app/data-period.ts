import fp from 'fastify-plugin'
import { dataPeriodOf, type DataSpan } from '../../features/summary/data-period.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The months the whole data set spans, and those with data, kept until the data change (features/summary/data-period.ts). */
    dataPeriod: { get(): Promise<DataSpan>; months(): Promise<readonly string[]> }
  }
}

/** One kept span per app: the same DataPeriod the incident filter reads through its pool. */
export default fp(async (app) => {
  const period = dataPeriodOf(app.pg.pool)
  app.decorate('dataPeriod', { get: () => period.get(app.pg.pool), months: () => period.months(app.pg.pool) })
}, { name: 'data-period', dependencies: ['postgres'] })
