// Errors a client may see. Each carries a protocol error code and a sentence saying what to do;
// anything else that escapes a handler is reported as `internal` without its details.
import type { ErrorCode } from '../../shared/protocol/index.js';

export class StationError extends Error {
  override readonly name: string = 'StationError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export class RightsError extends StationError {
  override readonly name = 'RightsError';
  constructor(message: string) {
    super('forbidden', message);
  }
}
