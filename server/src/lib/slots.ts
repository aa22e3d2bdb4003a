/**
 * A counting semaphore with a bounded queue: at most `limit` tasks run at once, at most `maxWaiting` wait for a turn
 * (first come, first served), and any more are refused at once with `refuse()`'s error. Refusing rather than queueing
 * without bound keeps the wait a caller can meet short, and its memory small, whatever arrives.
 */
export class Slots {
  private running = 0
  private readonly waiting: (() => void)[] = []

  constructor(
    readonly limit: number,
    readonly maxWaiting: number,
    private readonly refuse: () => Error,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`Slots: limit must be a positive integer, not ${limit}`)
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.maxWaiting) throw this.refuse()
      // The slot is handed over by the task that ends (running is not decremented then), so none can jump the queue.
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    } else {
      this.running++
    }
    try {
      return await task()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.running--
    }
  }

  /** For tests and logs: tasks running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length }
  }
}
