// Errors from modules that cannot depend on StationError (domain is pure, history and billing
// keep their own typed errors) are given their protocol code here, by class name, so a client
// always gets a sentence and a code, and never `internal` for a mistake of its own. What they
// said travels as a catalog key (`SaidError.said`), so the client hears it in its own language.
import type { ErrorCode } from '../../../shared/protocol/index.js';
import { SaidError, type SaidKey } from '../domain/said.js';
import { StationError } from '../errors.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Message } from '../i18n/text.js';

// Fails to compile when domain or history names a key the catalog does not have.
const everySaidKeyIsInTheCatalog: [Exclude<SaidKey, MessageKey>] extends [never] ? true : never = true;
void everySaidKeyIsInTheCatalog;

const CODES: Record<string, ErrorCode> = {
  NotFoundError: 'not_found',
  SearchQueryError: 'bad_request',
  CursorError: 'bad_request',
  ContactFileError: 'bad_request',
  MappingError: 'bad_request',
  ImportUndoError: 'bad_request',
  UploadExpiredError: 'bad_request',
  TimeZoneError: 'bad_request',
  TariffError: 'bad_request',
  PhoneError: 'bad_request',
  ExportCancelledError: 'bad_request',
};

/** The error as a StationError when its kind is known; otherwise the error itself. */
export function asStationError(err: unknown): unknown {
  if (err instanceof StationError || !(err instanceof Error)) return err;
  const code = CODES[err.name];
  if (!code) return err;
  // The key is checked against the catalog above; the params are the ones its thrower passed.
  return new StationError(code, err instanceof SaidError ? (err.said as Message) : err.message);
}
