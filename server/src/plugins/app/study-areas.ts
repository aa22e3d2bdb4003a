import fp from 'fastify-plugin'
import { studyAreaSpec, type StudyAreaSpec } from '../../features/hotspots/study-area.js'

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * What a hot-spot analysis's study area is built from: the chosen councils' outlines (null: every council), the
     * resolution and k (features/hotspots/study-area.ts). The analysis threads build and keep the areas themselves.
     */
    studyAreas: { spec(councils: string[] | null, res: number, k: number): Promise<StudyAreaSpec> }
  }
}

export default fp(async (app) => {
  app.decorate('studyAreas', { spec: (councils: string[] | null, res: number, k: number) => studyAreaSpec(app.pg.pool, councils, res, k) })
}, { name: 'study-areas', dependencies: ['postgres'] })
