import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type pg from 'pg'
import { buildApp } from '../../server/src/app.js'
import { projectRoot } from '../../server/src/config.js'
import { createPool } from '../../server/src/db/pool.js'
import { loadQuery } from '../../server/src/lib/sql-file.js'
import { analystCookie, openDemoDatabase } from './bench-app.js'
import { count, heading, judge, ms, note, progress, ratio, table } from './report.js'
import { percentile, timed } from './stats.js'

const TASKS = 1000
const VISITS_PER_TASK = 20
const WARM_UP_REQUESTS = 10
const MEASURED_REQUESTS = 50
const TARGET_P95_MS = 100
const TITLE_PREFIX = 'Bench task '

/** The list's own named query, loaded the way the tasks feature loads it. */
const tasksQuery = loadQuery(pathToFileURL(path.join(projectRoot, 'server/src/features/tasks/task-store.ts')).href, 'tasks.sql')

/**
 * 1,000 tasks (200 m circles around the demo data's map points, most of them being patrolled) with 20 visits each over
 * the last 20 weeks, made for this section and removed after it (removeTasks), so the agenda's section sees its own.
 */
async function seedTasks(pool: pg.Pool): Promise<void> {
  const held = (await pool.query<{ tasks: number; visits: number }>(
    `SELECT count(*)::int AS tasks, (SELECT count(*)::int FROM task_visits v JOIN tasks t ON t.id = v.task_id WHERE t.title LIKE $1) AS visits
       FROM tasks WHERE title LIKE $1`,
    [`${TITLE_PREFIX}%`],
  )).rows[0]
  if (held.tasks === TASKS && held.visits === TASKS * VISITS_PER_TASK) return
  progress(`tasks: making ${count(TASKS)} tasks and ${count(TASKS * VISITS_PER_TASK)} visits (untimed)`)
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('DELETE FROM tasks WHERE title LIKE $1', [`${TITLE_PREFIX}%`])
    const team = (await client.query<{ id: number }>(`SELECT id::int FROM teams ORDER BY id LIMIT 1`)).rows[0].id
    const made = await client.query<{ id: number }>(
      `INSERT INTO tasks (title, problem, dosage_visits_per_week, start_date, end_date, status, lead_team_id, geom, source)
       SELECT $1 || n, 'Illustrative bench task', 3, current_date - 140, current_date + 28,
              (ARRAY['tasked', 'in_progress', 'in_progress', 'proposed', 'completed'])[1 + n % 5], $2,
              ST_Multi(ST_Buffer(l.geom::geography, 200)::geometry), 'polygon'
         FROM (SELECT row_number() OVER (ORDER BY id) AS n, geom FROM locations WHERE ward_code IS NOT NULL ORDER BY id LIMIT $3) AS l
       RETURNING id::int`,
      [TITLE_PREFIX, team, TASKS],
    )
    const ids = made.rows.map((row) => row.id)
    await client.query('SELECT set_task_wards($1::bigint[])', [ids])
    await client.query(
      `INSERT INTO task_visits (task_id, idempotency_key, visit_date, start_time, minutes, actions)
       SELECT t.id, 'bench-' || t.id || '-' || k, current_date - 7 * (k - 1) - (t.id % 7)::int, time '19:00', 15, '{"engagements": 1}'
         FROM unnest($1::bigint[]) AS t (id), generate_series(1, $2::int) AS k`,
      [ids, VISITS_PER_TASK],
    )
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    client.release()
  }
  await pool.query('ANALYZE tasks; ANALYZE task_visits; ANALYZE task_wards')
}

async function removeTasks(pool: pg.Pool): Promise<void> {
  await pool.query('DELETE FROM tasks WHERE title LIKE $1', [`${TITLE_PREFIX}%`])
}

/** GET /api/tasks for an analyst (every task, this week's dosage and the totals) against its named query through pg. */
export async function runTasksBench(url: string): Promise<void> {
  const database = await openDemoDatabase(url, 'tasks')
  const app = await buildApp({ connection: database.connection, engine: database.engine, clientDir: null, logger: false, limits: { maxEventLoopDelayMs: 0 } })
  await app.ready()
  const sqlPool = createPool(database.connection)
  let row: string[]
  try {
    await seedTasks(sqlPool)
    const cookie = await analystCookie(app, sqlPool, 'bench-tasks@bench.local')
    const analyst = (await sqlPool.query<{ id: number }>(`SELECT id::int FROM users WHERE email = 'bench-tasks@bench.local'`)).rows[0].id
    const held = (await sqlPool.query<{ tasks: number; visits: number }>('SELECT count(*)::int AS tasks, (SELECT count(*)::int FROM task_visits) AS visits FROM tasks')).rows[0]
    const requestApi = async () => {
      const response = await app.inject({ method: 'GET', url: '/api/tasks', headers: { cookie } })
      if (response.statusCode !== 200) throw new Error(`GET /api/tasks answered ${response.statusCode}: ${response.body}`)
      return response
    }
    const querySql = () => sqlPool.query({ ...tasksQuery, values: [null, analyst, 'all', null, null, null, false, null, false] })
    const apiTasks = (await requestApi()).json<{ items: unknown[] }>().items.length
    const sqlTasks = (await querySql()).rowCount ?? 0
    if (apiTasks !== sqlTasks || apiTasks !== held.tasks) throw new Error(`the API listed ${apiTasks} tasks, the SQL ${sqlTasks}, the table holds ${held.tasks}`)
    for (let i = 0; i < WARM_UP_REQUESTS; i++) {
      await requestApi()
      await querySql()
    }
    const api: number[] = []
    const sql: number[] = []
    for (let i = 0; i < MEASURED_REQUESTS; i++) {
      api.push((await timed(requestApi)).ms)
      sql.push((await timed(querySql)).ms)
    }
    const [apiP50, apiP95, sqlP50, sqlP95] = [percentile(api, 50), percentile(api, 95), percentile(sql, 50), percentile(sql, 95)]
    row = [
      `${count(held.tasks)} tasks, ${count(held.visits)} visits`,
      ms(apiP50),
      ms(apiP95),
      ms(sqlP50),
      ms(sqlP95),
      ratio(apiP50 / sqlP50),
      judge(`task list with dosage: API p95 ≤ ${TARGET_P95_MS} ms`, apiP95 <= TARGET_P95_MS),
    ]
  } finally {
    await removeTasks(sqlPool)
    await app.close()
    await sqlPool.end()
    await database.close()
  }
  heading('GET /api/tasks (every task, with its area but not its GeoJSON, wards, officers and dosage delivered) vs its named SQL')
  table(['case', 'API p50', 'API p95', 'SQL p50', 'SQL p95', 'API/SQL p50', `API p95 ≤ ${TARGET_P95_MS} ms`], [row])
  note(`${MEASURED_REQUESTS} requests and queries after ${WARM_UP_REQUESTS} warm-up each, one at a time, alternating; signed in as an analyst`)
}
