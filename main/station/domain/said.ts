// What pure code says to a person, as data: a key of the station's message catalog and its
// params. Domain cannot import the catalog (it has no station dependencies), so it names the key;
// the station tells the sentence in the client's language (server/error-codes.ts) and the
// compiler checks there that every key below is in the catalog.
export type SaidParams = Readonly<Record<string, string | number>>;

/** The catalog keys domain and history errors use. */
export type SaidKey =
  | 'phone.invalid'
  | 'mapping.noPhone'
  | 'mapping.noName'
  | 'mapping.columnMissing'
  | 'search.onlyExcluded'
  | 'timezone.unknown'
  | 'tariff.counts'
  | 'tariff.unknown'
  | 'row.nameEmpty'
  | 'row.phoneEmpty'
  | 'row.email'
  | 'row.tag'
  | 'row.active'
  | 'row.duplicatePhone'
  | 'history.noContact'
  | 'history.noGroup'
  | 'history.noBroadcast'
  | 'history.staleCursor'
  | 'import.uploadExpired'
  | 'import.nothingToUndo'
  | 'import.alreadyUndone'
  | 'file.empty'
  | 'file.notXlsx'
  | 'file.noSheets'
  | 'file.firstSheetEmpty'
  | 'file.oldXls'
  | 'file.unknownType'
  | 'file.tooManyRows'
  | 'file.tooManyColumns'
  | 'file.cellTooLong'
  | 'file.inflatesTooMuch'
  | 'file.badZip'
  | 'export.cancelled';

export interface Said {
  readonly key: SaidKey;
  readonly params: SaidParams;
}

/** An error whose sentence the station can tell in either language; `message` is the English one, for logs. */
export class SaidError extends Error {
  readonly said: Said;
  constructor(english: string, key: SaidKey, params: SaidParams = {}) {
    super(english);
    this.said = { key, params };
  }
}

/** A contact-import row problem: the wire's fields plus what was said, to tell it again in Russian. */
export interface SaidRowError {
  row: number;
  column: string;
  value: string;
  reason: string;
  said?: Said;
}
