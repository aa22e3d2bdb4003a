import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorAnswer } from '../../lib/error-answer.js'
import { badRequest, conflict, notFound } from '../../lib/errors.js'
import { NoQuery } from '../../lib/no-query.js'
import { withTransaction } from '../../lib/transaction.js'
import { recordAudit } from '../audit/audit-log.js'
import { checkTeam } from '../teams/team-store.js'
import type { FastifyRequest } from 'fastify'
import { passwordProblem } from './password-rules.js'
import type { ScryptCost } from './passwords.js'
import { ADMIN, type Role } from './roles.js'
import { AdminUserSchema, NewUser, PasswordReset, UserChange, UserId, UserList } from './schemas.js'
import { createUser, getUser, listUsers, lockUserRow, normaliseEmail, replaceWards, setPassword, updateUserFields, type AdminUser } from './user-store.js'

/** The administrator calling: every route here is ADMIN, so the access hook has set the user (features/auth/access.ts). */
function signedInAdmin(request: FastifyRequest) {
  if (!request.user) throw new Error('a users route without a signed-in user')
  return request.user
}

/** What the audit trail keeps of a user: everything an admin can change, never the password hash. */
function auditView(user: AdminUser): Record<string, unknown> {
  return { email: user.email, name: user.name, role: user.role, disabled: user.disabled, wards: user.wards.map((ward) => ward.code), teamId: user.team?.id ?? null }
}

/** The scrypt cost new passwords are hashed at (passwords.ts's DEFAULT_COST unless an app says otherwise). */
export const userRoutes: FastifyPluginAsyncTypebox<{ passwordHashCost: ScryptCost }> = async (app, { passwordHashCost }) => {
  const pool = app.pg.pool

  app.get(
    '/api/users',
    {
      config: { access: ADMIN },
      schema: { summary: 'Every user, with councillors\u2019 wards', tags: ['users'], querystring: NoQuery, response: { 200: UserList } },
    },
    async () => ({ items: await listUsers(pool) }),
  )

  app.post(
    '/api/users',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Create a user, who must change the given password at first sign-in',
        tags: ['users'],
        body: NewUser,
        response: { 201: AdminUserSchema, 409: ErrorAnswer },
      },
    },
    async (request, reply) => {
      const admin = signedInAdmin(request)
      const body = request.body
      const email = normaliseEmail(body.email)
      const problem = passwordProblem(body.password, email)
      if (problem) throw badRequest('password', problem)
      if (body.wards?.length && body.role !== 'councillor') throw badRequest('wards', 'only councillors are assigned wards')
      const created = await withTransaction(pool, async (client) => {
        await checkTeam(client, 'teamId', body.teamId)
        const id = await createUser(client, { email, name: body.name.trim(), role: body.role, password: body.password, mustChangePassword: true, wards: body.wards, teamId: body.teamId, hashCost: passwordHashCost })
        if (id === null) return null
        const user = (await getUser(client, id))!
        await recordAudit(client, { actor: { id: admin.id, email: admin.email }, action: 'user.create', target: `user:${id}`, ip: request.ip, after: auditView(user) })
        return user
      })
      if (!created) throw conflict(`email: ${email} already has an account`)
      return reply.code(201).send(created)
    },
  )

  app.patch(
    '/api/users/:id',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Rename, re-role, disable or enable a user, or set a councillor\u2019s wards',
        tags: ['users'],
        params: UserId,
        body: UserChange,
        response: { 200: AdminUserSchema, 404: ErrorAnswer },
      },
    },
    async (request) => {
      const admin = signedInAdmin(request)
      const { id } = request.params
      const change = request.body
      if (id === admin.id && change.disabled === true) throw badRequest('disabled', 'you cannot disable your own account')
      if (id === admin.id && change.role !== undefined && change.role !== 'admin') throw badRequest('role', 'you cannot remove your own admin role')
      const updated = await withTransaction(pool, async (client) => {
        if (!(await lockUserRow(client, id))) return null
        const before = (await getUser(client, id))!
        const role: Role = change.role ?? before.role
        if (change.wards !== undefined && change.wards.length > 0 && role !== 'councillor') {
          throw badRequest('wards', 'only councillors are assigned wards')
        }
        await checkTeam(client, 'teamId', change.teamId, before.team?.id ?? null)
        await updateUserFields(client, id, { name: change.name?.trim(), role: change.role, disabled: change.disabled, teamId: change.teamId })
        if (change.wards !== undefined) await replaceWards(client, id, change.wards)
        else if (role !== 'councillor' && before.wards.length > 0) await replaceWards(client, id, [])
        // A disabled account is refused at once, not when its sessions happen to expire.
        if (change.disabled === true) await app.sessions.endAllOf(client, id)
        const after = (await getUser(client, id))!
        await recordAudit(client, {
          actor: { id: admin.id, email: admin.email },
          action: 'user.update',
          target: `user:${id}`,
          ip: request.ip,
          before: auditView(before),
          after: auditView(after),
        })
        return after
      })
      if (!updated) throw notFound(`id: no user has the id ${id}`)
      return updated
    },
  )

  app.post(
    '/api/users/:id/password',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Reset a user\u2019s password: they must change it at next sign-in, and their sessions end',
        tags: ['users'],
        params: UserId,
        body: PasswordReset,
        response: { 204: Type.Null(), 404: ErrorAnswer },
      },
    },
    async (request, reply) => {
      const admin = signedInAdmin(request)
      const { id } = request.params
      const found = await withTransaction(pool, async (client) => {
        if (!(await lockUserRow(client, id))) return false
        const user = (await getUser(client, id))!
        const problem = passwordProblem(request.body.password, user.email)
        if (problem) throw badRequest('password', problem)
        await setPassword(client, id, request.body.password, true, passwordHashCost)
        await app.sessions.endAllOf(client, id)
        await recordAudit(client, { actor: { id: admin.id, email: admin.email }, action: 'user.password_reset', target: `user:${id}`, ip: request.ip })
        return true
      })
      if (!found) throw notFound(`id: no user has the id ${id}`)
      return reply.code(204).send(null)
    },
  )
}
