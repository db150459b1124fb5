// The column mapping as the station keeps it (field → column index) and as the dispatcher edits
// it (a field per column). A field sits on one column at most: choosing it for a column takes
// it off any other.
import { ContactField, type ColumnMapping } from '../../../shared/protocol/index.js';

export const FIELDS: readonly ContactField[] = ContactField.options;

export function fieldOfColumn(mapping: ColumnMapping, column: number): ContactField | null {
  for (const f of FIELDS) if (mapping[f] === column) return f;
  return null;
}

export function assignColumn(mapping: ColumnMapping, column: number, field: ContactField | null): ColumnMapping {
  const next: ColumnMapping = {};
  for (const f of FIELDS) {
    const c = mapping[f];
    if (c === undefined || c === null || c === column || f === field) continue;
    next[f] = c;
  }
  if (field) next[field] = column;
  return next;
}

/** Name and phone are what make a contact; without both mapped nothing can load. */
export function missingRequired(mapping: ColumnMapping): ContactField[] {
  return (['name', 'phone'] as const).filter((f) => mapping[f] === undefined || mapping[f] === null);
}
