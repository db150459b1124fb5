// Errors from modules that cannot depend on StationError (domain is pure, history and billing
// keep their own typed errors) are given their protocol code here, by class name, so a client
// always gets a sentence and a code, and never `internal` for a mistake of its own.
import type { ErrorCode } from '../../../shared/protocol/index.js';
import { StationError } from '../errors.js';

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
  return code ? new StationError(code, err.message) : err;
}
