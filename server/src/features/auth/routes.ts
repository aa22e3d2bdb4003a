import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorAnswer } from '../../lib/error-answer.js'
import { badRequest, tooManyRequests, unauthorized } from '../../lib/errors.js'
import { NoQuery } from '../../lib/no-query.js'
import { withTransaction } from '../../lib/transaction.js'
import { recordAudit } from '../audit/audit-log.js'
import { findCredentials, normaliseEmail, passwordHash, recordLogin, setPassword } from '../users/user-store.js'
import { currentSession } from './access.js'
import {
  claimPasswordCheck,
  claimSignInAttempt,
  clearAccountFailures,
  clearPasswordChecks,
  releasePasswordCheck,
  releaseSignInAttempt,
  type ThrottleSettings,
} from './login-throttle.js'
import { passwordProblem } from '../users/password-rules.js'
import { hashForUnknownUser, verifyPassword, type ScryptCost } from '../users/passwords.js'
import { PasswordChange, SignedIn, SignIn } from './schemas.js'
import { endOtherSessions, endSession, findSessionUser, startSession, type SessionSettings } from './sessions.js'

export type AuthSettings = SessionSettings &
  ThrottleSettings & {
    /** The scrypt cost of new passwords and of the stand-in hash an unknown email is checked against. */
    passwordHashCost: ScryptCost
  }

const INCORRECT = 'Email or password is incorrect.'
/** Sign-in bodies are tiny; a large one is an attack on the password hash, refused before it is read. */
const AUTH_BODY_LIMIT = 4 * 1024

export const authRoutes: FastifyPluginAsyncTypebox<AuthSettings> = async (app, settings) => {
  const pool = app.pg.pool

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        summary: 'Sign in; sets the session cookie and returns the CSRF token',
        tags: ['auth'],
        body: SignIn,
        response: { 200: SignedIn, 401: ErrorAnswer, 429: ErrorAnswer, 503: ErrorAnswer },
      },
    },
    async (request, reply) => {
      const email = normaliseEmail(request.body.email)
      const ip = request.ip
      // Counted before the hash, so concurrent guesses over the limit are refused without one.
      const claim = await claimSignInAttempt(pool, email, ip, settings)
      if (!claim.counted) {
        await recordAudit(pool, { actor: { id: null, email }, action: 'auth.login_failed', ip, details: { reason: 'throttled' } })
        throw tooManyAttempts(claim.retryAfter, 'failed sign-ins')
      }
      let account: Awaited<ReturnType<typeof findCredentials>>
      let passwordOk: boolean
      try {
        account = await findCredentials(pool, email)
        // The hash is checked even for an unknown or disabled account, so the answer and its timing tell nothing.
        passwordOk = await verifyPassword(request.body.password, account?.passwordHash ?? (await hashForUnknownUser(settings.passwordHashCost)))
      } catch (error) {
        // Never checked (the server too busy to hash it, say): not a failure to count.
        await releaseSignInAttempt(pool, claim.id)
        throw error
      }
      if (!account || account.disabled || !passwordOk) {
        // The attempt stays counted: it is the failure.
        const reason = !account ? 'unknown email' : account.disabled ? 'account disabled' : 'wrong password'
        await recordAudit(pool, { actor: { id: account?.id ?? null, email }, action: 'auth.login_failed', ip, details: { reason } })
        throw unauthorized(INCORRECT)
      }
      const signedIn = account
      const { token, csrfToken } = await withTransaction(pool, async (client) => {
        await clearAccountFailures(client, email)
        await recordLogin(client, signedIn.id)
        const started = await startSession(client, request, reply, signedIn.id, settings)
        await recordAudit(client, { actor: { id: signedIn.id, email }, action: 'auth.login', ip })
        return started
      })
      const session = await findSessionUser(pool, token, settings.sessionIdleMinutes)
      if (!session) throw new Error('a session just started cannot be found')
      return { user: session.user, csrfToken }
    },
  )

  app.get(
    '/api/auth/session',
    {
      config: { access: 'signed-in', allowDuringPasswordChange: true },
      schema: { summary: 'The signed-in user and the CSRF token', tags: ['auth'], querystring: NoQuery, response: { 200: SignedIn } },
    },
    async (request) => {
      const { user, csrfToken } = currentSession(request)
      return { user, csrfToken }
    },
  )

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'signed-in', allowDuringPasswordChange: true },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: { summary: 'Sign out: ends this session', tags: ['auth'], response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const { user, tokenHash } = currentSession(request)
      await endSession(pool, reply, tokenHash)
      await recordAudit(pool, { actor: { id: user.id, email: user.email }, action: 'auth.logout', ip: request.ip })
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/api/auth/password',
    {
      config: { access: 'signed-in', allowDuringPasswordChange: true },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        summary: 'Change your own password; your other sessions end',
        tags: ['auth'],
        body: PasswordChange,
        response: { 204: Type.Null(), 429: ErrorAnswer, 503: ErrorAnswer },
      },
    },
    async (request, reply) => {
      const { user, tokenHash } = currentSession(request)
      const { currentPassword, newPassword } = request.body
      // The new password first: refusing it costs no hash and spends no guess.
      const problem = passwordProblem(newPassword, user.email)
      if (problem) throw badRequest('newPassword', problem)
      if (newPassword === currentPassword) throw badRequest('newPassword', 'must differ from the current password')
      // A left-open or stolen session must not be a free password-guessing oracle: its checks are counted, before the
      // hash, per session (never against the account's sign-in, which the owner still needs).
      // A wrong current password is a guess at the account's password, audited as a failed sign-in is (throttled
      // too); the caller's answer is the same as without the record.
      const failed = (reason: string) =>
        recordAudit(pool, { actor: { id: user.id, email: user.email }, action: 'auth.password_change_failed', target: `user:${user.id}`, ip: request.ip, details: { reason } })
      const claim = await claimPasswordCheck(pool, tokenHash, settings)
      if (!claim.counted) {
        await failed('throttled')
        throw tooManyAttempts(claim.retryAfter, 'wrong current passwords')
      }
      let currentOk: boolean
      try {
        currentOk = await verifyPassword(currentPassword, await passwordHash(pool, user.id))
      } catch (error) {
        await releasePasswordCheck(pool, claim.id)
        throw error
      }
      if (!currentOk) {
        await failed('wrong current password')
        throw badRequest('currentPassword', 'is incorrect')
      }
      await clearPasswordChecks(pool, tokenHash)
      await withTransaction(pool, async (client) => {
        await setPassword(client, user.id, newPassword, false, settings.passwordHashCost)
        await endOtherSessions(client, user.id, tokenHash)
        await recordAudit(client, { actor: { id: user.id, email: user.email }, action: 'auth.password_change', target: `user:${user.id}`, ip: request.ip })
      })
      return reply.code(204).send(null)
    },
  )
}

function tooManyAttempts(retryAfter: number, what: string) {
  const minutes = Math.ceil(retryAfter / 60)
  return tooManyRequests(`Too many ${what}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, retryAfter)
}
