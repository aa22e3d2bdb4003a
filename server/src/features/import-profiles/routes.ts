import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorAnswer } from '../../lib/error-answer.js'
import { badRequest, conflict, notFound, unsupportedMediaType } from '../../lib/errors.js'
import { NoQuery } from '../../lib/no-query.js'
import { withTransaction } from '../../lib/transaction.js'
import { recordAudit } from '../audit/audit-log.js'
import { currentSession } from '../auth/access.js'
import { importMappedFile } from '../import/mapped/import-mapped.js'
import { findProfile, insertProfile, listProfiles, lockProfile, unknownCategories, updateProfile } from '../import/mapped/profile-store.js'
import type { ProfileMapping } from '../import/mapped/profile-schema.js'
import { ANALYSTS } from '../users/roles.js'
import { previewMapping } from './preview.js'
import {
  ImportProfileChange,
  ImportProfileList,
  ImportProfileSchema,
  MappedImportAnswer,
  MappedImportQuery,
  NewImportProfile,
  PreviewAnswer,
  PreviewRequest,
  ProfileNameParams,
} from './schemas.js'

/** A mapped upload's largest size: the real logs are 0.25–1.2 MB; a year of a force's calls is tens of MB. */
const UPLOAD_LIMIT_BYTES = 64 * 1024 * 1024

export const importProfileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.pg.pool

  /** Every category a mapping names must be one of Patrolmap's (each has a harm weight the analyses need). */
  const checkCategories = async (mapping: ProfileMapping) => {
    const unknown = await unknownCategories(pool, mapping)
    if (unknown.length === 0) return
    const where = unknown.includes(mapping.category.default) ? 'mapping.category.default' : 'mapping.category.map'
    throw badRequest(where, `Patrolmap has no category ${unknown.map((name) => JSON.stringify(name)).join(', ')}`)
  }

  app.get(
    '/api/import-profiles',
    {
      config: { access: ANALYSTS },
      schema: { summary: 'Saved column mappings for timed incident logs', tags: ['import'], querystring: NoQuery, response: { 200: ImportProfileList } },
    },
    async () => ({ items: await listProfiles(pool) }),
  )

  app.post(
    '/api/import-profiles',
    {
      config: { access: ANALYSTS },
      schema: { summary: 'Save a new column mapping under a name', tags: ['import'], body: NewImportProfile, response: { 201: ImportProfileSchema, 409: ErrorAnswer } },
    },
    async (request, reply) => {
      const { user } = currentSession(request)
      const body = request.body
      await checkCategories(body.mapping)
      const saved = await withTransaction(pool, async (client) => {
        const profile = await insertProfile(client, { name: body.name, title: body.title.trim(), mapping: body.mapping })
        if (!profile) throw conflict(`name: a profile is already named ${body.name}`)
        await recordAudit(client, {
          actor: { id: user.id, email: user.email }, action: 'import_profile.create', target: `import_profile:${profile.id}`, ip: request.ip,
          after: { name: profile.name, title: profile.title, mapping: profile.mapping },
        })
        return profile
      })
      return reply.code(201).send(saved)
    },
  )

  app.put(
    '/api/import-profiles/:name',
    {
      config: { access: ANALYSTS },
      schema: { summary: 'Change a saved mapping (its name stays)', tags: ['import'], params: ProfileNameParams, body: ImportProfileChange, response: { 200: ImportProfileSchema, 404: ErrorAnswer } },
    },
    async (request) => {
      const { user } = currentSession(request)
      await checkCategories(request.body.mapping)
      return withTransaction(pool, async (client) => {
        const before = await lockProfile(client, request.params.name)
        if (!before) throw notFound(`name: no profile is named ${request.params.name}`)
        const after = (await updateProfile(client, { name: before.name, title: request.body.title.trim(), mapping: request.body.mapping }))!
        await recordAudit(client, {
          actor: { id: user.id, email: user.email }, action: 'import_profile.update', target: `import_profile:${after.id}`, ip: request.ip,
          before: { title: before.title, mapping: before.mapping }, after: { title: after.title, mapping: after.mapping },
        })
        return after
      })
    },
  )

  app.post(
    '/api/imports/preview',
    {
      config: { access: ANALYSTS },
      schema: {
        summary: 'A mapping tried on a file\u2019s first rows: each row\u2019s values as they would be stored, or why it would be rejected',
        tags: ['import'],
        body: PreviewRequest,
        response: { 200: PreviewAnswer },
      },
    },
    async (request) => previewMapping(pool, request.body.csv, request.body.mapping, request.body.rows ?? 20),
  )

  // The file comes as the request body (text/csv), as the browser's fetch sends a File: no multipart parser needed.
  app.addContentTypeParser(['text/csv', 'application/gzip'], { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT_BYTES }, (_request, body, done) => done(null, body))

  app.post(
    '/api/imports/mapped',
    {
      config: { access: ANALYSTS },
      bodyLimit: UPLOAD_LIMIT_BYTES,
      schema: {
        summary: 'Import a timed incident log (CSV, plain or gzip, as the body) through a saved profile: one transaction, rejected whole on any bad row',
        tags: ['import'],
        querystring: MappedImportQuery,
        response: { 200: MappedImportAnswer, 404: ErrorAnswer, 415: ErrorAnswer },
      },
    },
    async (request) => {
      const { user } = currentSession(request)
      const profile = await findProfile(pool, request.query.profile)
      if (!profile) throw notFound(`profile: no profile is named ${request.query.profile}`)
      const body = request.body
      // No file at all is the wrong kind of request (415), not a wrong value in it.
      if (!Buffer.isBuffer(body)) throw unsupportedMediaType('send the file as the body, with Content-Type text/csv (or application/gzip)')
      if (body.length === 0) throw badRequest('body', 'the file is empty')
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'patrolmap-upload-'))
      const file = path.join(dir, crypto.randomUUID())
      try {
        await fs.writeFile(file, body)
        const summary = await importMappedFile(pool, file, profile, {
          displayName: request.query.name ?? 'upload.csv',
          force: request.query.force ?? false,
          audit: { actor: { id: user.id, email: user.email }, via: 'upload' },
        })
        return { ...summary, errors: summary.errors.map((error) => ({ row: error.row, reason: error.reason })) }
      } finally {
        await fs.rm(dir, { recursive: true, force: true })
      }
    },
  )
}
