import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { identifyImportSource } from '../sources/import-source.js'
import type { ParseEnd } from './reader.js'
import type { Segment } from './segment.js'
import { readOnThisThread, startReaderThread, type ReaderThread, type SegmentReader } from './reader-thread.js'

const file = (month: string) => path.join(import.meta.dirname, `../../../../../geodata/police-uk/${month}-cleveland-street.csv.gz`)

async function readAll(reader: SegmentReader): Promise<{ segments: Segment[]; end: ParseEnd }> {
  const segments: Segment[] = []
  for (;;) {
    const step = await reader.next()
    if (step.done) return { segments, end: step.value }
    segments.push(step.value)
  }
}

const summary = (segments: Segment[]) =>
  segments.map((segment) => ({
    bytes: segment.encoded.view().toString('base64'),
    starts: segment.starts,
    months: segment.monthOf.map((month) => segment.months[month]),
    points: segment.pointOf.map((point) => segment.points[point]),
    categories: segment.categoryOf,
    places: segment.placeOf.map((place) => segment.places[place]),
  }))

let thread: ReaderThread | null
let scratch: string
beforeAll(async () => {
  thread = await startReaderThread()
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'patrolmap-reader-'))
})
afterAll(async () => {
  await thread?.close()
  await fs.rm(scratch, { recursive: true, force: true })
})

describe('the reader thread', () => {
  it('starts', () => {
    expect(thread).not.toBeNull()
  })

  it('reads a file exactly as this thread does, the same point objects included', async () => {
    const source = await identifyImportSource(file('2024-01'))
    const there = await readAll(thread!.read(source, () => {}))
    const here = await readAll(readOnThisThread(source, () => {}))
    expect(there.end).toEqual(here.end)
    expect(there.end.rowsRead).toBeGreaterThan(6000)
    expect(summary(there.segments)).toEqual(summary(here.segments))
    expect(there.segments[0].points[0]).toBe(here.segments[0].points[0])
  })

  it('reports a bad file’s rows as this thread does', async () => {
    const bad = path.join(scratch, 'bad.csv')
    await fs.writeFile(bad, 'Crime ID,Month,Longitude,Latitude,Crime type\n,2024-13,-1.2,54.5,Drugs\nabc,2024-01,-1.2,54.5,Littering\n')
    const source = await identifyImportSource(bad)
    const there = await readAll(thread!.read(source, () => {}))
    const here = await readAll(readOnThisThread(source, () => {}))
    expect(there.end).toEqual(here.end)
    expect(there.end.errors.map((error) => error.row)).toEqual([2, 3])
    expect(there.segments).toEqual([])
  })

  it('keeps reading other files after one is given up half-way', async () => {
    const first = thread!.read(await identifyImportSource(file('2024-02')), () => {})
    await first.next()
    await first.return()
    const { end } = await readAll(thread!.read(await identifyImportSource(file('2024-03')), () => {}))
    expect(end.rowsRejected).toBe(0)
    expect(end.rowsRead).toBeGreaterThan(7000)
  })
})
