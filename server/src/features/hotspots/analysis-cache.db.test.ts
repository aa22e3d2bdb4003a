import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../../../tests/support/test-app.js'
import { AnalysisCache } from './analysis-cache.js'

let testApp: TestApp
beforeAll(async () => {
  testApp = await startTestApp()
})
afterAll(() => testApp.close())

describe('AnalysisCache', () => {
  it('works an answer out again after clear(), as a benchmark needs to time the analysis itself', async () => {
    const cache = new AnalysisCache()
    let computations = 0
    const compute = async () => JSON.stringify({ computation: ++computations })
    expect(await cache.answer(testApp.pool, 'gistar', compute)).toEqual({ json: '{"computation":1}', outcome: 'computed' })
    expect(await cache.answer(testApp.pool, 'gistar', compute)).toEqual({ json: '{"computation":1}', outcome: 'cached' })
    cache.clear()
    expect(await cache.answer(testApp.pool, 'gistar', compute)).toEqual({ json: '{"computation":2}', outcome: 'computed' })
  })
})
