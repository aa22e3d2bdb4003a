import { describe, expect, it } from 'vitest'
import { canMove, OPEN_STATUSES, refusedMoveMessage, TASK_MOVES, TASK_STATUSES } from './task-status.js'

describe('the task status table', () => {
  it('is the issue\u2019s life: forward one step, any open status to the PSG, anything but closed to closed, back from the PSG', () => {
    const moves = TASK_STATUSES.flatMap((from) => TASK_STATUSES.filter((to) => canMove(from, to)).map((to) => `${from}→${to}`))
    expect(moves.sort()).toEqual(
      [
        'proposed→tasked',
        'tasked→in_progress',
        'in_progress→completed',
        ...OPEN_STATUSES.map((from) => `${from}→escalated`),
        ...TASK_STATUSES.filter((from) => from !== 'closed').map((from) => `${from}→closed`),
        'escalated→tasked',
      ].sort(),
    )
    expect(TASK_MOVES.closed).toEqual([])
  })

  it('names the allowed moves when it refuses one', () => {
    expect(refusedMoveMessage('proposed', 'completed')).toBe(
      'A task cannot move from proposed (Proposed) to completed (Completed); allowed from proposed (Proposed): tasked (Tasked), escalated (Escalated to PSG), closed (Closed).',
    )
    expect(refusedMoveMessage('closed', 'tasked')).toMatch(/no move is allowed from closed \(Closed\): a closed task is a record\.$/)
  })
})
