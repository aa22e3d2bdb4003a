// The import's one interface: everything outside features/import/ imports from here. Behind it, in order of a run:
// sources/ recognises files by content, police-uk/ reads police.uk CSVs (on a reader thread, with a byte-level fast
// path, into binary COPY rows laid out by police-uk/row-layout.ts), boundaries/ reads ONS GeoJSON, storing/ writes
// rows, points and counts, and run/ settles each file in its transaction and drives the whole run.
export { importFiles, type ImportOptions } from './run/import-files.js'
export type { ImportProgress, ImportSummary } from './run/summary.js'
export type { ImportAudit } from './run/audit-imports.js'
export type { RowError } from './police-uk/reader.js'
export type { ImportKind } from './sources/import-source.js'
export { importMappedFile, type MappedImportSummary } from './mapped/import-mapped.js'
export { findProfile, type ImportProfile } from './mapped/profile-store.js'
