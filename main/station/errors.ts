// Errors a client may see. Each carries a protocol error code and a sentence saying what to do:
// a catalog message, told in the client's language where it reaches the client (`render`), and in
// English as `message` for logs and for clients that asked for no language. A plain string is an
// English-only text (the integrations' own scripted doors); the control room never gets one.
// Anything else that escapes a handler is reported as `internal` without its details.
import type { ErrorCode, Locale } from '../../shared/protocol/index.js';
import { render, type Message } from './i18n/text.js';

export class StationError extends Error {
  override readonly name: string = 'StationError';
  /** null for an English-only text. */
  readonly text: Message | null;
  constructor(
    readonly code: ErrorCode,
    text: Message | string,
    readonly field?: string,
  ) {
    super(typeof text === 'string' ? text : render(text, 'en'));
    this.text = typeof text === 'string' ? null : text;
  }

  /** The sentence for a client speaking `locale`. */
  say(locale: Locale): string {
    return this.text ? render(this.text, locale) : this.message;
  }
}

export class RightsError extends StationError {
  override readonly name = 'RightsError';
  constructor(text: Message) {
    super('forbidden', text);
  }
}
