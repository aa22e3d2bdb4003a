// The police.uk reader on a thread of its own: reads, checks and encodes files segment by segment as the importer
// asks, so that reading the next file runs beside writing the current one instead of taking turns with it.
import { parentPort } from 'node:worker_threads'
import type { ImportSource } from '../sources/import-source.js'
import { readPoliceUkCsv, type ParseEnd } from './reader.js'
import type { Segment } from './segment.js'
import type { ReaderRequest, ReaderResponse } from './reader-thread.js'

const port = parentPort!
const readers = new Map<number, AsyncGenerator<Segment, ParseEnd, void>>()
let queue = Promise.resolve()

const post = (response: ReaderResponse, transfer: ArrayBuffer[] = []) => port.postMessage(response, transfer)

async function handle(request: ReaderRequest): Promise<void> {
  if (request.type === 'cancel') {
    const reader = readers.get(request.id)
    readers.delete(request.id)
    await reader?.return(undefined as never).catch(() => {})
    return
  }
  let reader = readers.get(request.id)
  if (!reader) {
    const source: ImportSource = request.source
    reader = readPoliceUkCsv(source, (bytesRead, rowsRead) => post({ type: 'progress', id: request.id, bytesRead, rowsRead }))
    readers.set(request.id, reader)
  }
  try {
    const step = await reader.next()
    if (step.done) {
      readers.delete(request.id)
      post({ type: 'end', id: request.id, end: step.value })
    } else {
      const { message, transfer } = step.value.toMessage()
      post({ type: 'segment', id: request.id, segment: message }, transfer)
    }
  } catch (error) {
    readers.delete(request.id)
    post({ type: 'error', id: request.id, message: (error as Error).message, stack: (error as Error).stack })
  }
}

port.on('message', (request: ReaderRequest) => {
  queue = queue.then(() => handle(request))
})
post({ type: 'ready', id: 0 })
