import { describe, expect, it } from 'vitest'
import { deliveryClassOf } from './task-area-layer'

describe('deliveryClassOf', () => {
  it('steps from nothing delivered to all of it', () => {
    expect(deliveryClassOf(0).id).toBe('none')
    expect(deliveryClassOf(1 / 3).id).toBe('under-half')
    expect(deliveryClassOf(0.5).id).toBe('half')
    expect(deliveryClassOf(2 / 3).id).toBe('half')
    expect(deliveryClassOf(1).id).toBe('all')
  })

  it('sets apart tasks that asked for no visits', () => {
    expect(deliveryClassOf(null).id).toBe('no-target')
  })
})
