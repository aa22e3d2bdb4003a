import { Worker } from 'node:worker_threads'
import type { ImportSource } from '../sources/import-source.js'
import { workerEntry } from '../../../lib/worker-entry.js'
import { readPoliceUkCsv, type ParseEnd } from './reader.js'
import { Segment, type SegmentMessage } from './segment.js'

export type ReaderRequest = { type: 'next'; id: number; source: ImportSource } | { type: 'cancel'; id: number }
export type ReaderResponse =
  | { type: 'segment'; id: number; segment: SegmentMessage }
  | { type: 'progress'; id: number; bytesRead: number; rowsRead: number }
  | { type: 'end'; id: number; end: ParseEnd }
  | { type: 'error'; id: number; message: string; stack?: string }
  | { type: 'ready'; id: 0 }

type Progress = (bytesRead: number, rowsRead: number) => void

/** A police.uk file's segments, one per next(), then its counts and errors; read on this thread or another. */
export interface SegmentReader {
  next(): Promise<IteratorResult<Segment, ParseEnd>>
  /** Stops reading (a file skipped or failed). */
  return(): Promise<unknown>
}

/**
 * The reader thread of one import run. Reading, checking, keying and encoding rows is most of Node's share of an
 * import; on its own thread it runs beside the main thread's database work and the database server itself (three
 * busy threads where there were two taking turns). Segments come back as transferred buffers, not copies.
 */
export class ReaderThread {
  private readonly worker: Worker
  private nextId = 1
  private readonly waiting = new Map<number, { resolve: (response: ReaderResponse) => void; reject: (error: Error) => void }>()
  private readonly progress = new Map<number, Progress>()
  private failure: Error | null = null
  /** Settles once the thread has loaded the reader, or failed to. */
  readonly ready: Promise<void>

  constructor() {
    this.worker = new Worker(workerEntry(import.meta.url, 'reader-worker'), { execArgv: [] })
    this.ready = new Promise((resolve, reject) => this.waiting.set(0, { resolve: () => resolve(), reject }))
    this.worker.on('message', (response: ReaderResponse) => {
      if (response.type === 'progress') {
        this.progress.get(response.id)?.(response.bytesRead, response.rowsRead)
        return
      }
      const waiter = this.waiting.get(response.id)
      this.waiting.delete(response.id)
      waiter?.resolve(response)
    })
    this.worker.on('error', (error) => this.fail(error))
    this.worker.on('exit', (code) => this.fail(new Error(`the reader thread stopped (exit code ${code})`)))
  }

  read(source: ImportSource, progress: Progress): SegmentReader {
    const id = this.nextId++
    this.progress.set(id, progress)
    let finished = false
    const finish = () => {
      finished = true
      this.progress.delete(id)
    }
    return {
      next: async () => {
        if (finished) throw new Error(`${source.name} has been read`)
        const response = await this.ask(id, { type: 'next', id, source })
        if (response.type === 'segment') return { done: false, value: Segment.fromMessage(response.segment) }
        finish()
        if (response.type === 'end') return { done: true, value: response.end }
        const error = new Error(response.type === 'error' ? response.message : 'unexpected answer from the reader thread')
        if (response.type === 'error' && response.stack) error.stack = response.stack
        throw error
      },
      return: async () => {
        if (finished) return
        finish()
        this.worker.postMessage({ type: 'cancel', id } satisfies ReaderRequest)
      },
    }
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the reader thread was closed')
    await this.worker.terminate()
  }

  private ask(id: number, request: ReaderRequest): Promise<ReaderResponse> {
    if (this.failure) return Promise.reject(this.failure)
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      this.worker.postMessage(request)
    })
  }

  private fail(error: Error): void {
    this.failure ??= error
    for (const waiter of this.waiting.values()) waiter.reject(this.failure)
    this.waiting.clear()
  }
}

/** The same reading on this thread, for when no reader thread could start. */
export function readOnThisThread(source: ImportSource, progress: Progress): SegmentReader {
  const generator = readPoliceUkCsv(source, progress)
  return { next: () => generator.next(), return: () => generator.return(undefined as never) }
}

/** A reader thread for one run of imports, or null where none can start (then files are read on this thread). */
export async function startReaderThread(): Promise<ReaderThread | null> {
  let thread: ReaderThread | null = null
  try {
    thread = new ReaderThread()
    await thread.ready
    return thread
  } catch {
    await thread?.close().catch(() => {})
    return null
  }
}
