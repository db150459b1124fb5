// Stable hooks for end-to-end tests of contact import and export.
export const contactsTestIds = {
  panel: 'contacts-panel',
  file: 'contacts-import-file',
  /** data-encoding of the file as the station read it. */
  preview: 'contacts-import-preview',
  mapping: (column: number) => `contacts-import-map-${column}`,
  sampleRow: (row: number) => `contacts-import-sample-${row}`,
  /** data-count holds the number of rows with errors. */
  errors: 'contacts-import-errors',
  error: (row: number, column: string) => `contacts-import-error-${row}-${column}`,
  errorsCsv: 'contacts-import-errors-csv',
  commit: 'contacts-import-commit',
  discard: 'contacts-import-discard',
  /** After commit: data-created, data-updated, data-unchanged, data-errors. */
  result: 'contacts-import-result',
  undo: 'contacts-import-undo',
  undone: 'contacts-import-undone',
  error_: 'contacts-error',
  exportFormat: 'contacts-export-format',
  export: 'contacts-export',
} as const;
