import fp from 'fastify-plugin'
import type pg from 'pg'
import { installAccessControl, type AccessSettings } from '../../features/auth/access.js'
import { endOtherSessions } from '../../features/auth/sessions.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** For features that change a user's standing (users: disabling, a password reset): every session of theirs ends. */
    sessions: { endAllOf(db: Pick<pg.Pool | pg.PoolClient, 'query'>, userId: number): Promise<void> }
  }
}

/**
 * Deny by default (features/auth/access.ts): registered before any route, so its hook sees every route as it is added;
 * it reads the session cookie and the sessions table.
 */
export default fp<AccessSettings>(async (app, settings) => {
  installAccessControl(app, settings)
  app.decorate('sessions', { endAllOf: (db: Pick<pg.Pool | pg.PoolClient, 'query'>, userId: number) => endOtherSessions(db, userId, null) })
}, { name: 'access-control', dependencies: ['cookie', 'postgres'] })
