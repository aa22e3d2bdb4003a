import { Worker } from 'node:worker_threads'
import { serviceBusy } from '../../lib/errors.js'
import { workerEntry } from '../../lib/worker-entry.js'
import { transferables, type AnalysisJob } from './analysis-jobs.js'

export type ThreadAnswer = { json: string } | { error: string; stack?: string }

/** A thread that died or could not start: it is replaced, and the request it was serving fails. */
class ThreadFailure extends Error {}

/** 503: a restarted server, or another one, will answer the same request. */
const shuttingDown = () => serviceBusy('The server is shutting down; try again shortly.')

interface Waiter {
  resolve(worker: Worker): void
  reject(error: Error): void
}

/**
 * A fixed number of analysis threads and the requests waiting for one. An analysis holds its thread from its first
 * query to its answer, so the same bound limits both its CPU (one core per thread) and its database connections (one
 * or two per analysis, against the pool's DB_POOL_SIZE): light requests always find a connection and an event loop
 * free. More than `maxWaiting` waiting analyses answer 503 with Retry-After instead of queueing without end. Threads
 * start on first use, so an app that never analyses starts none.
 */
export class AnalysisThreads {
  private readonly idle: Worker[] = []
  private readonly all = new Set<Worker>()
  private readonly waiting: Waiter[] = []
  private closed = false

  constructor(
    readonly size: number,
    private readonly maxWaiting: number,
  ) {}

  /** Runs `prepare` (the analysis's queries) holding a thread, then the job it returns on that thread: the answer as JSON. */
  async run(prepare: () => Promise<AnalysisJob>): Promise<string> {
    const worker = await this.acquire()
    let healthy = true
    try {
      const job = await prepare()
      return await this.post(worker, job)
    } catch (error) {
      if (error instanceof ThreadFailure) healthy = false
      throw error
    } finally {
      this.release(worker, healthy)
    }
  }

  /**
   * Stops every thread. Requests waiting for one fail with 503 at once, since no thread will come free for them, and
   * so do those whose thread stops under them.
   */
  async close(): Promise<void> {
    this.closed = true
    for (const waiter of this.waiting.splice(0)) waiter.reject(shuttingDown())
    await Promise.all([...this.all].map((worker) => worker.terminate()))
    this.all.clear()
  }

  private acquire(): Promise<Worker> {
    if (this.closed) return Promise.reject(shuttingDown())
    const idle = this.idle.pop()
    if (idle) return Promise.resolve(idle)
    if (this.all.size < this.size) return Promise.resolve(this.start())
    if (this.waiting.length >= this.maxWaiting) {
      return Promise.reject(serviceBusy(`${this.waiting.length} analyses are waiting already; try again shortly.`, 5))
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }))
  }

  private release(worker: Worker, healthy: boolean): void {
    let next = worker
    if (!healthy) {
      this.all.delete(worker)
      void worker.terminate()
      if (this.closed || this.waiting.length === 0) return
      next = this.start()
    }
    const waiter = this.waiting.shift()
    if (waiter) waiter.resolve(next)
    else this.idle.push(next)
  }

  private start(): Worker {
    const worker = new Worker(workerEntry(import.meta.url, 'analysis-worker'), { execArgv: [] })
    // An idle thread must not keep the process alive; a request being answered does.
    worker.unref()
    // For the thread's whole life, not only during a job: an error with no listener (a thread failing to start while
    // its first job is still being prepared, say) would be an uncaught exception in the server, and a thread that has
    // stopped must never be handed out again.
    const forget = () => {
      this.all.delete(worker)
      const at = this.idle.indexOf(worker)
      if (at !== -1) this.idle.splice(at, 1)
    }
    worker.on('error', forget)
    worker.on('exit', forget)
    this.all.add(worker)
    return worker
  }

  private post(worker: Worker, job: AnalysisJob): Promise<string> {
    if (this.closed) return Promise.reject(shuttingDown())
    if (!this.all.has(worker)) return Promise.reject(new ThreadFailure('an analysis thread stopped while its job was prepared'))
    return new Promise((resolve, reject) => {
      const done = () => {
        worker.unref()
        worker.off('message', onAnswer)
        worker.off('error', onError)
        worker.off('exit', onExit)
      }
      const onAnswer = (answer: ThreadAnswer) => {
        done()
        if ('json' in answer) return resolve(answer.json)
        const error = new Error(answer.error)
        if (answer.stack) error.stack = answer.stack
        reject(error)
      }
      const onError = (error: Error) => {
        done()
        reject(new ThreadFailure(`an analysis thread failed: ${error.message}`))
      }
      const onExit = (code: number) => {
        done()
        reject(this.closed ? shuttingDown() : new ThreadFailure(`an analysis thread stopped (exit code ${code})`))
      }
      worker.on('message', onAnswer)
      worker.on('error', onError)
      worker.on('exit', onExit)
      worker.ref()
      worker.postMessage(job, transferables(job))
    })
  }
}
