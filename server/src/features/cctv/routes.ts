import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type pg from 'pg'
import { ErrorAnswer } from '../../lib/error-answer.js'
import { badRequest, conflict, notFound } from '../../lib/errors.js'
import { loadQuery } from '../../lib/sql-file.js'
import { withTransaction } from '../../lib/transaction.js'
import { recordAudit } from '../audit/audit-log.js'
import { currentSession } from '../auth/access.js'
import { changedFields } from '../tasks/task-audit.js'
import { londonToday } from '../tasks/visit-store.js'
import { ANALYSTS, STAFF } from '../users/roles.js'
import { MOVABLE_TYPES, type CameraStatus, type CameraType } from './camera-types.js'
import { auditCamera, changedView, givenView, newView, type CameraFields } from './camera-values.js'
import { checkReference, correctPosition, getCamera, insertCamera, listCameras, lockCamera, openPosition, type LockedCamera, readTypeDefaults, updateCamera, upsertActivity } from './camera-store.js'
import { importActivity, importBuildings, importRegister, type ImportActor } from './import-store.js'
import {
  ActivityEntry,
  ActivityImport,
  ActivityMonthSchema,
  ActivityParams,
  ActivityTotals,
  ActivityTotalsQuery,
  BuildingsImport,
  BuildingsResult,
  CameraChange,
  CameraConflict,
  CameraDetail,
  CameraId,
  CameraList,
  CameraListQuery,
  CameraMove,
  CameraRedeploy,
  CameraRetire,
  ImportResult,
  NewCamera,
  RegisterImport,
  TypeDefaultChange,
  TypeDefaults,
  type CameraConflict as Conflict,
  type CameraDetail as Detail,
} from './schemas.js'

const updateDefaultsQuery = loadQuery(import.meta.url, 'update-defaults.sql')
const activityWardsQuery = loadQuery(import.meta.url, 'activity-wards.sql')

function checkDates(from: string | null, until: string | null): void {
  if (from && until && until < from) throw badRequest('deployedUntil', `${until} is before deployedFrom (${from})`)
}

/** The 409 for a change made on an older version: the camera as it is now; nothing written. */
function staleAnswer(current: Detail, given: number): Conflict {
  const by = current.updatedBy ? ` by ${current.updatedBy.name}` : ''
  return {
    statusCode: 409,
    error: 'Conflict',
    message: `version: this camera was changed${by} at ${current.updatedAt} (now version ${current.version}; the change was made on version ${given}). Nothing was saved: review the camera and make the change again.`,
    current,
  }
}

type Outcome = { stale: true } | { done: true }

function actorOf(request: FastifyRequest): ImportActor & { actor: { id: number; email: string } } {
  const { user } = currentSession(request)
  return { actor: { id: user.id, email: user.email }, ip: request.ip }
}

export const cctvRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.pg.pool

  /** A camera write on its version, in one transaction, audited by `write`; 409 with the camera when stale. */
  async function onVersion(
    id: number,
    version: number,
    write: (client: pg.PoolClient, locked: LockedCamera) => Promise<void>,
  ): Promise<{ conflict: Conflict } | { camera: Detail }> {
    const outcome = await withTransaction(pool, async (client): Promise<Outcome> => {
      const locked = await lockCamera(client, id)
      if (!locked) throw notFound(`id: no camera has the id ${id}`)
      if (locked.version !== version) return { stale: true }
      await write(client, locked)
      return { done: true }
    })
    const current = (await getCamera(pool, id))!
    return 'stale' in outcome ? { conflict: staleAnswer(current, version) } : { camera: current }
  }

  app.get(
    '/api/cctv/cameras',
    {
      config: { access: STAFF },
      schema: {
        summary: 'The CCTV register: cameras with their views (what each sees), filtered and searched',
        tags: ['cctv'],
        querystring: CameraListQuery,
        response: { 200: CameraList },
      },
    },
    async (request) => {
      const query = request.query
      return listCameras(pool, {
        types: query.type ? ([...new Set(query.type.split(','))] as CameraType[]) : undefined,
        statuses: query.status ? ([...new Set(query.status.split(','))] as CameraStatus[]) : undefined,
        ward: query.ward,
        owner: query.owner,
        q: query.q,
        assumed: query.assumed,
        illustrative: query.illustrative,
        geometry: query.geometry,
        limit: query.limit,
        offset: query.offset,
      })
    },
  )

  app.get(
    '/api/cctv/cameras/:id',
    {
      config: { access: STAFF },
      schema: { summary: 'One camera, with where it stood (redeployables and drones) and its monthly activity', tags: ['cctv'], params: CameraId, response: { 200: CameraDetail, 404: ErrorAnswer } },
    },
    async (request) => {
      const camera = await getCamera(pool, request.params.id)
      if (!camera) throw notFound(`id: no camera has the id ${request.params.id}`)
      return camera
    },
  )

  app.post(
    '/api/cctv/cameras',
    {
      config: { access: ANALYSTS },
      schema: {
        summary: 'Add a camera; view values left out (or null) take the type\u2019s defaults, flagged assumed',
        tags: ['cctv'],
        body: NewCamera,
        response: { 201: CameraDetail, 409: ErrorAnswer },
      },
    },
    async (request, reply) => {
      const who = actorOf(request)
      const body = request.body
      checkDates(body.deployedFrom ?? null, body.deployedUntil ?? null)
      const id = await withTransaction(pool, async (client) => {
        const defaults = (await readTypeDefaults(client)).values
        const { view, assumed } = newView(body.type, givenView(body), defaults)
        const fields: CameraFields = {
          owner: body.owner.trim(),
          reference: body.reference.trim(),
          name: body.name.trim(),
          location: body.location?.trim() ?? '',
          statedWard: null,
          type: body.type,
          status: body.status ?? 'working',
          view,
          assumed: { type: false, ...assumed },
          deployedFrom: body.deployedFrom ?? null,
          deployedUntil: body.deployedUntil ?? null,
          notes: body.notes ?? '',
          illustrative: body.illustrative ?? false,
          source: 'manual',
          lon: body.position.lon,
          lat: body.position.lat,
        }
        await checkReference(client, fields.owner, fields.reference, null)
        const created = await insertCamera(client, fields, who.actor.id)
        if (created === null) throw conflict(`reference: ${fields.owner} already has a camera ${fields.reference}`)
        if (MOVABLE_TYPES.includes(fields.type)) {
          await openPosition(client, created, who.actor.id, { date: fields.deployedFrom ?? (await londonToday(client)), lon: fields.lon, lat: fields.lat, bearingDeg: view.bearingDeg, location: fields.location, reason: 'added' })
        }
        await recordAudit(client, { ...who, action: 'camera.create', target: `camera:${created}`, after: auditCamera(fields) })
        return created
      })
      return reply.code(201).send((await getCamera(pool, id))!)
    },
  )

  app.patch(
    '/api/cctv/cameras/:id',
    {
      config: { access: ANALYSTS },
      schema: {
        summary: 'Edit a camera on the version read (bearing and angle as set on the map); null puts a view value back to the type default',
        tags: ['cctv'],
        params: CameraId,
        body: CameraChange,
        response: { 200: CameraDetail, 404: ErrorAnswer, 409: CameraConflict },
      },
    },
    async (request, reply) => {
      const who = actorOf(request)
      const change = request.body
      const result = await onVersion(request.params.id, change.version, async (client, locked) => {
        const record = locked.fields
        if (record.status === 'removed') throw conflict('status: a removed camera is a record and is not edited; redeploy it or add a new camera')
        const type = change.type ?? record.type
        const defaults = (await readTypeDefaults(client)).values
        const { view, assumed } = changedView({ type: record.type, view: record.view, assumed: record.assumed }, type, givenView(change), defaults)
        const fields: CameraFields = {
          ...record,
          owner: change.owner?.trim() ?? record.owner,
          reference: change.reference?.trim() ?? record.reference,
          name: change.name?.trim() ?? record.name,
          location: change.location?.trim() ?? record.location,
          type,
          status: change.status ?? record.status,
          view,
          assumed: { type: change.type ? false : record.assumed.type, ...assumed },
          deployedFrom: change.deployedFrom === undefined ? record.deployedFrom : change.deployedFrom,
          deployedUntil: change.deployedUntil === undefined ? record.deployedUntil : change.deployedUntil,
          notes: change.notes ?? record.notes,
        }
        checkDates(fields.deployedFrom, fields.deployedUntil)
        if (fields.owner.toLowerCase() !== record.owner.toLowerCase() || fields.reference !== record.reference) await checkReference(client, fields.owner, fields.reference, locked.id)
        const changed = changedFields(auditCamera(record), auditCamera(fields))
        // Nothing differs: no new version, no entry in the trail.
        if (Object.keys(changed.after).length === 0) return
        await updateCamera(client, locked.id, fields, false, who.actor.id)
        if (fields.view.bearingDeg !== record.view.bearingDeg) await correctPosition(client, locked.id, record.lon, record.lat, fields.view.bearingDeg)
        await recordAudit(client, {
          ...who,
          action: 'camera.update',
          target: `camera:${locked.id}`,
          details: { version: locked.version + 1, ...(change.reason ? { reason: change.reason } : {}) },
          ...changed,
        })
      })
      if ('conflict' in result) return reply.code(409).send(result.conflict)
      return result.camera
    },
  )

  app.post(
    '/api/cctv/cameras/:id/move',
    {
      config: { access: ANALYSTS },
      schema: {
        summary: 'Correct where a camera is (dragged on the map); its ward and view follow. A redeployable going to a new site: /redeploy',
        tags: ['cctv'],
        params: CameraId,
        body: CameraMove,
        response: { 200: CameraDetail, 404: ErrorAnswer, 409: CameraConflict },
      },
    },
    async (request, reply) => {
      const who = actorOf(request)
      const { version, position, reason } = request.body
      const result = await onVersion(request.params.id, version, async (client, locked) => {
        const record = locked.fields
        if (record.status === 'removed') throw conflict('status: a removed camera is a record and is not moved; redeploy it instead')
        if (record.lon === position.lon && record.lat === position.lat) return
        await updateCamera(client, locked.id, { ...record, lon: position.lon, lat: position.lat }, true, who.actor.id)
        await correctPosition(client, locked.id, position.lon, position.lat, record.view.bearingDeg)
        await recordAudit(client, {
          ...who,
          action: 'camera.move',
          target: `camera:${locked.id}`,
          details: { version: locked.version + 1, ...(reason ? { reason } : {}) },
          before: { position: [record.lon, record.lat] },
          after: { position: [position.lon, position.lat] },
        })
      })
      if ('conflict' in result) return reply.code(409).send(result.conflict)
      return result.camera
    },
  )

  app.post(
    '/api/cctv/cameras/:id/retire',
    {
      config: { access: ANALYSTS },
      schema: {
        summary: 'Retire a camera: removed from the date (default today), kept in the register as a record; it no longer counts towards coverage',
        tags: ['cctv'],
        params: CameraId,
        body: CameraRetire,
        response: { 200: CameraDetail, 404: ErrorAnswer, 409: CameraConflict },
      },
    },
    async (request, reply) => {
      const who = actorOf(request)
      const { version, date, reason } = request.body
      const result = await onVersion(request.params.id, version, async (client, locked) => {
        const record = locked.fields
        if (record.status === 'removed') throw conflict(`status: camera ${record.reference} is already removed`)
        const until = date ?? (await londonToday(client))
        if (record.deployedFrom && until < record.deployedFrom) throw badRequest('date', `${until} is before the camera was deployed (${record.deployedFrom})`)
        await updateCamera(client, locked.id, { ...record, status: 'removed', deployedUntil: until }, false, who.actor.id)
        await client.query('UPDATE camera_positions SET until_date = greatest(from_date, $2::date) WHERE camera_id = $1 AND until_date IS NULL', [locked.id, until])
        await recordAudit(client, {
          ...who,
          action: 'camera.retire',
          target: `camera:${locked.id}`,
          details: { version: locked.version + 1, reason },
          before: { status: record.status, deployedUntil: record.deployedUntil },
          after: { status: 'removed', deployedUntil: until },
        })
      })
      if ('conflict' in result) return reply.code(409).send(result.conflict)
      return result.camera
    },
  )

  app.post(
    '/api/cctv/cameras/:id/redeploy',
    {
      config: { access: ANALYSTS },
      schema: {
        summary: 'Redeploy a redeployable camera or a drone to a site from the date (default today): its position history gains a row; a removed one is working again',
        tags: ['cctv'],
        params: CameraId,
        body: CameraRedeploy,
        response: { 200: CameraDetail, 404: ErrorAnswer, 409: CameraConflict },
      },
    },
    async (request, reply) => {
      const who = actorOf(request)
      const body = request.body
      const result = await onVersion(request.params.id, body.version, async (client, locked) => {
        const record = locked.fields
        if (!MOVABLE_TYPES.includes(record.type)) throw conflict(`type: a ${record.type} camera is not redeployed; correct its position with /move`)
        const date = body.date ?? (await londonToday(client))
        const open = (await client.query<{ from_date: string }>(`SELECT to_char(from_date, 'YYYY-MM-DD') AS from_date FROM camera_positions WHERE camera_id = $1 AND until_date IS NULL`, [locked.id])).rows[0]
        if (open && date <= open.from_date) throw badRequest('date', `must be after ${open.from_date}, when it went to where it stands now`)
        const bearing = body.bearingDeg ?? record.view.bearingDeg
        const fields: CameraFields = {
          ...record,
          status: 'working',
          lon: body.position.lon,
          lat: body.position.lat,
          location: body.location?.trim() ?? record.location,
          view: { ...record.view, bearingDeg: bearing },
          assumed: { ...record.assumed, bearingDeg: body.bearingDeg === undefined ? record.assumed.bearingDeg : false },
          deployedFrom: record.deployedFrom ?? date,
          deployedUntil: null,
        }
        await updateCamera(client, locked.id, fields, true, who.actor.id)
        await openPosition(client, locked.id, who.actor.id, { date, lon: fields.lon, lat: fields.lat, bearingDeg: bearing, location: fields.location, reason: body.reason ?? '' })
        await recordAudit(client, {
          ...who,
          action: 'camera.redeploy',
          target: `camera:${locked.id}`,
          details: { version: locked.version + 1, date, ...(body.reason ? { reason: body.reason } : {}) },
          before: { position: [record.lon, record.lat], bearingDeg: record.view.bearingDeg, location: record.location, status: record.status },
          after: { position: [fields.lon, fields.lat], bearingDeg: bearing, location: fields.location, status: 'working' },
        })
      })
      if ('conflict' in result) return reply.code(409).send(result.conflict)
      return result.camera
    },
  )

  app.put(
    '/api/cctv/cameras/:id/activity/:month',
    {
      config: { access: ANALYSTS },
      schema: {
        summary: 'Record a camera\u2019s activity for a month (incidents spotted, assisted arrests, footage requests); replaces the month\u2019s figures',
        tags: ['cctv'],
        params: ActivityParams,
        body: ActivityEntry,
        response: { 200: ActivityMonthSchema, 404: ErrorAnswer },
      },
    },
    async (request) => {
      const who = actorOf(request)
      const { id, month } = request.params
      const figures = request.body
      await withTransaction(pool, async (client) => {
        if (!(await lockCamera(client, id))) throw notFound(`id: no camera has the id ${id}`)
        const write = await upsertActivity(client, id, month, figures, who.actor.id)
        if (!write.added && !write.changed) return
        await recordAudit(client, {
          ...who,
          action: 'camera.activity',
          target: `camera:${id}`,
          details: { month },
          before: write.before ? { incidentsSpotted: write.before.incidents_spotted, assistedArrests: write.before.assisted_arrests, footageRequests: write.before.footage_requests } : null,
          after: { ...figures },
        })
      })
      return { month, ...figures }
    },
  )

  app.get(
    '/api/cctv/activity',
    {
      config: { access: STAFF },
      schema: {
        summary: 'Camera activity (incidents spotted, assisted arrests, footage requests) added up per ward over the months asked for',
        tags: ['cctv'],
        querystring: ActivityTotalsQuery,
        response: { 200: ActivityTotals },
      },
    },
    async (request) => {
      const { from, to } = request.query
      if (from && to && to < from) throw badRequest('to', `${to} is before from (${from})`)
      const { rows } = await pool.query({ ...activityWardsQuery, values: [from ? `${from}-01` : null, to ? `${to}-01` : null] })
      const wards = rows.map((row) => ({
        ward: row.ward_code ? { code: row.ward_code, name: row.ward_name, councilName: row.council_name } : null,
        cameras: row.cameras,
        cameraMonths: row.camera_months,
        incidentsSpotted: row.incidents_spotted,
        assistedArrests: row.assisted_arrests,
        footageRequests: row.footage_requests,
        firstMonth: row.first_month,
        lastMonth: row.last_month,
      }))
      const total = { cameras: 0, cameraMonths: 0, incidentsSpotted: 0, assistedArrests: 0, footageRequests: 0 }
      for (const ward of wards) for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += ward[key]
      return { from: from ?? null, to: to ?? null, wards, total }
    },
  )

  app.post(
    '/api/cctv/activity/import',
    {
      config: { access: ANALYSTS },
      schema: {
        summary: 'Import camera activity from CSV (reference, month, incidents_spotted, assisted_arrests, footage_requests; owner optional)',
        description: 'One transaction per file: a bad row (named by its number) rejects the file. A camera-month already held with the same figures is left; with others, replaced.',
        tags: ['cctv'],
        body: ActivityImport,
        response: { 200: ImportResult },
      },
    },
    async (request) => importActivity(pool, { fileName: request.body.fileName, content: request.body.content, owner: request.body.owner?.trim() ?? null }, actorOf(request)),
  )

  app.post(
    '/api/cctv/import',
    {
      config: { access: ANALYSTS },
      schema: {
        summary: 'Import a camera register: CSV (the Trafford layout, or named columns) or GeoJSON points',
        description:
          'One transaction per file: a bad row (named by its number) rejects the file. A camera the register holds (same owner and reference) is left as it is, ' +
          'so a file imported twice adds nothing. Values the file leaves out take the type defaults, flagged assumed.',
        tags: ['cctv'],
        body: RegisterImport,
        response: { 200: ImportResult },
      },
    },
    async (request) =>
      importRegister(
        pool,
        { fileName: request.body.fileName, content: request.body.content, owner: request.body.owner.trim(), defaultType: request.body.defaultType ?? 'ptz', illustrative: request.body.illustrative ?? false },
        actorOf(request),
      ),
  )

  app.post(
    '/api/cctv/buildings',
    {
      config: { access: ANALYSTS },
      schema: {
        summary: 'Load building footprints (GeoJSON polygons), replacing the layer: cameras do not see through them',
        tags: ['cctv'],
        body: BuildingsImport,
        response: { 200: BuildingsResult },
      },
    },
    async (request) => importBuildings(pool, request.body, actorOf(request)),
  )

  app.get(
    '/api/cctv/defaults',
    {
      config: { access: STAFF },
      schema: { summary: 'The view values a camera of each type is given when its register says nothing (flagged assumed), and the buildings loaded', tags: ['cctv'], response: { 200: TypeDefaults } },
    },
    async () => {
      const { items, buildings } = await readTypeDefaults(pool)
      return { items, buildings }
    },
  )

  app.put(
    '/api/cctv/defaults',
    {
      config: { access: ANALYSTS },
      schema: {
        summary: 'Change a type\u2019s default view values; its cameras still on an assumed value take the new ones',
        tags: ['cctv'],
        body: TypeDefaultChange,
        response: { 200: TypeDefaults },
      },
    },
    async (request) => {
      const who = actorOf(request)
      const body = request.body
      await withTransaction(pool, async (client) => {
        const { rows } = await client.query({
          ...updateDefaultsQuery,
          values: [body.type, body.mountingHeightM ?? null, body.bearingDeg ?? null, body.fovDeg ?? null, body.rangeM ?? null, body.radiusM ?? null, body.basis ?? null, who.actor.email],
        })
        const pick = (row: Record<string, unknown>) => ({
          mountingHeightM: row.mounting_height_m, bearingDeg: row.bearing_deg, fovDeg: row.fov_deg, rangeM: row.range_m, radiusM: row.radius_m, basis: row.basis,
        })
        const changed = changedFields(pick(rows[0].before), pick(rows[0].after))
        if (Object.keys(changed.after).length === 0) return
        await recordAudit(client, { ...who, action: 'cctv.defaults', target: `camera-type:${body.type}`, details: { camerasUpdated: rows[0].cameras }, ...changed })
      })
      const { items, buildings } = await readTypeDefaults(pool)
      return { items, buildings }
    },
  )
}
