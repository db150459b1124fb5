// Contact-import row problems told in the client's language, and the errors CSV built again in it,
// so a Russian admin downloads a Russian file. Only the protocol's fields go on the wire.
import type { Locale } from '../../../shared/protocol/index.js';
import type { RowError } from '../../../shared/protocol/history.js';
import { rowErrorsCsv } from '../domain/contact-columns.js';
import type { SaidRowError } from '../domain/said.js';
import { render, type Message } from './text.js';

export function sayRowErrors(errors: readonly SaidRowError[], locale: Locale): RowError[] {
  return errors.map((e) => ({
    row: e.row,
    column: e.column,
    value: e.value,
    // The key is checked against the catalog in server/error-codes.ts.
    reason: e.said ? render(e.said as Message, locale) : e.reason,
  }));
}

/** A preview or import result with its row errors (and their CSV, when it has one) in `locale`. */
export function sayImportResult<T extends { errors: SaidRowError[]; errorsCsv?: string }>(result: T, locale: Locale): T {
  const errors = sayRowErrors(result.errors, locale);
  return { ...result, errors, ...(result.errorsCsv !== undefined ? { errorsCsv: rowErrorsCsv(errors, locale) } : {}) };
}
