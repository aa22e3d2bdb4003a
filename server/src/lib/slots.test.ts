import { describe, expect, it } from 'vitest'
import { Slots } from './slots.js'

const busy = () => new Error('busy')

function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((done) => (resolve = done))
  return { promise, resolve }
}

describe('Slots', () => {
  it('runs at most `limit` tasks at once, queues up to `maxWaiting` in order, and refuses the rest', async () => {
    const slots = new Slots(2, 2, busy)
    const gates = Array.from({ length: 5 }, deferred)
    const started: number[] = []
    const runs = gates.map((gate, i) =>
      slots.run(async () => {
        started.push(i)
        await gate.promise
        return i
      }),
    )
    const refused = runs[4].catch((error: Error) => error.message)
    await new Promise((resolve) => setImmediate(resolve))
    expect(started).toEqual([0, 1])
    expect(slots.load).toEqual({ running: 2, waiting: 2 })
    expect(await refused).toBe('busy')
    gates[1].resolve()
    await runs[1]
    await new Promise((resolve) => setImmediate(resolve))
    expect(started).toEqual([0, 1, 2])
    gates[0].resolve()
    gates[2].resolve()
    gates[3].resolve()
    expect(await Promise.all(runs.slice(0, 4))).toEqual([0, 1, 2, 3])
    expect(slots.load).toEqual({ running: 0, waiting: 0 })
  })

  it('frees the slot when a task fails', async () => {
    const slots = new Slots(1, 0, busy)
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await slots.run(async () => 'next')).toBe('next')
  })
})
