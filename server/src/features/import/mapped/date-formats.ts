/** The date forms a profile can name (parse-when.ts reads them): an import-free module, so the client imports it too. */
export const DATE_FORMATS = ['auto', 'dd/mm/yyyy', 'dd-Mon-yy', 'iso8601', 'excel-serial'] as const
export type DateFormat = (typeof DATE_FORMATS)[number]
