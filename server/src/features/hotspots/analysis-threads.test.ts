import { setTimeout as sleep } from 'node:timers/promises'
import type { Worker } from 'node:worker_threads'
import { afterAll, describe, expect, it } from 'vitest'
import type { HttpError } from '@fastify/sensible'
import type { AnalysisJob } from './analysis-jobs.js'
import { AnalysisThreads } from './analysis-threads.js'

/** A job with nothing to count: answered at once, so the test is about the queue, not the analysis. */
const emptyJob = (): AnalysisJob => ({
  kind: 'concentration', councils: [], rows: { cells: '', incidents: new Float64Array(0), harm: new Float64Array(0) }, res: 9, measure: 'count', period: { from: '2024-01', to: '2024-01' },
})

/** How a request ends: its answer, its error, or still waiting after a few seconds (a request that would hang). */
function outcome(request: Promise<string>): Promise<unknown> {
  return Promise.race([request.then((json) => ({ json }), (error: unknown) => error), sleep(5_000).then(() => 'still waiting')])
}

const threads = new AnalysisThreads(1, 1)
afterAll(() => threads.close())

describe('AnalysisThreads', () => {
  it('runs a job on a thread and gives its answer as JSON', async () => {
    expect(JSON.parse(await threads.run(async () => emptyJob()))).toEqual({ period: { from: '2024-01', to: '2024-01' }, res: 9, measure: 'count', areas: [] })
  })

  it('holds the thread while the job is prepared, queues up to maxWaiting, and refuses more with 503 and Retry-After', async () => {
    let open!: () => void
    const gate = new Promise<void>((resolve) => (open = resolve))
    const holding = threads.run(async () => {
      await gate
      return emptyJob()
    })
    const waiting = threads.run(async () => emptyJob())
    const refused = threads.run(async () => emptyJob()).then(
      () => null,
      (error: unknown) => error,
    )
    const error = await refused
    expect((error as HttpError).statusCode).toBe(503)
    expect(Number((error as HttpError).headers?.['retry-after'])).toBeGreaterThan(0)
    open()
    await expect(holding).resolves.toContain('"areas":[]')
    await expect(waiting).resolves.toContain('"areas":[]')
  })

  it('never hands out a thread that stopped between jobs, and starts another', async () => {
    await threads.run(async () => emptyJob())
    const idle = (threads as unknown as { idle: Worker[] }).idle
    expect(idle).toHaveLength(1)
    await idle[0].terminate()
    expect(idle).toHaveLength(0)
    expect(JSON.parse(await threads.run(async () => emptyJob())).areas).toEqual([])
  })

  it('fails only the request whose thread stopped while its job was prepared', async () => {
    const stopped = threads.run(async () => {
      const [held] = [...(threads as unknown as { all: Set<Worker> }).all]
      await held.terminate()
      return emptyJob()
    })
    await expect(stopped).rejects.toThrow(/stopped while its job was prepared/)
    expect(JSON.parse(await threads.run(async () => emptyJob())).areas).toEqual([])
  })

  it('passes an analysis\u2019s error on and keeps serving', async () => {
    // An outline h3-js cannot read: the thread's analysis throws, the thread stays.
    const broken: AnalysisJob = {
      kind: 'gistar', area: { key: 'broken', outlines: [{ type: 'Polygon', coordinates: [[[Number.NaN, Number.NaN]]] }], res: 99, k: 1 },
      rows: { cells: '', incidents: new Float64Array(0), harm: new Float64Array(0) }, councils: [], fdr: true, measure: 'count', period: { from: '', to: '' },
    }
    await expect(threads.run(async () => broken)).rejects.toThrow()
    expect(JSON.parse(await threads.run(async () => emptyJob())).areas).toEqual([])
  })

  it('fails the requests waiting for a thread with 503 when closed, and the one whose job was being prepared', async () => {
    const closing = new AnalysisThreads(1, 2)
    let open!: () => void
    const gate = new Promise<void>((resolve) => (open = resolve))
    const holding = outcome(
      closing.run(async () => {
        await gate
        return emptyJob()
      }),
    )
    const waiting = [outcome(closing.run(async () => emptyJob())), outcome(closing.run(async () => emptyJob()))]
    await closing.close()
    const shuttingDown = { statusCode: 503, message: expect.stringMatching(/shutting down/) }
    for (const waiter of waiting) expect(await waiter).toMatchObject(shuttingDown)
    open()
    expect(await holding).toMatchObject(shuttingDown)
    expect(await outcome(closing.run(async () => emptyJob()))).toMatchObject(shuttingDown)
  })
})
