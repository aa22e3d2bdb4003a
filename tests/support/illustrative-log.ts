import { expect } from 'vitest'
import { illustrativeAsbLogFile } from '../../server/src/demo-data.js'
import { importMappedFile } from '../../server/src/features/import/mapped/import-mapped.js'
import { findProfile } from '../../server/src/features/import/mapped/profile-store.js'
import type { TestApp } from './test-app.js'

/** The illustrative Stockton ASB log (December 2024 to November 2025, 3,000 rows to the minute) through its shipped profile. */
export async function importIllustrativeLog(testApp: TestApp): Promise<void> {
  const imported = await importMappedFile(testApp.pool, illustrativeAsbLogFile, (await findProfile(testApp.pool, 'stockton-illustrative-asb'))!)
  expect(imported.status, imported.message).toBe('committed')
}
