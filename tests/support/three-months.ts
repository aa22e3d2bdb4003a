import { afterAll, beforeAll, expect } from 'vitest'
import { boundaryFiles, policeUkFile, startTestApp, type SignedIn, type TestApp } from './test-app.js'

export interface ThreeMonths {
  testApp: TestApp
  /** Incident routes are for staff; an analyst is the typical caller. Who else may call them: access-matrix.test.ts. */
  analyst: SignedIn
}

/**
 * For a test file's routes: the app with the Cleveland boundaries and three months of street crime (2024-01 to
 * 2024-03), an analyst signed in, and helpers that ask as the analyst. Started before the file's tests, closed after.
 */
export function useThreeMonths() {
  const state = {} as ThreeMonths
  beforeAll(async () => {
    state.testApp = await startTestApp()
    await state.testApp.importFiles([...boundaryFiles, policeUkFile('2024-01'), policeUkFile('2024-02'), policeUkFile('2024-03')])
    state.analyst = await state.testApp.signInAs('analyst')
  })
  afterAll(() => state.testApp?.close())

  const get = (url: string) => state.testApp.app.inject({ method: 'GET', url, headers: state.analyst.headers })
  return {
    state,
    get,
    /** The answer's JSON, after checking it is a 200. */
    json: async (url: string) => {
      const response = await get(url)
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200)
      return response.json()
    },
    sql: async (text: string, values: unknown[] = []) => (await state.testApp.pool.query(text, values)).rows,
  }
}
