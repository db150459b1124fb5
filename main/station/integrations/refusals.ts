// One wording of "nothing was sent" for every door (REST, SOAP, .asmx, mail bounce), built from
// the dispatcher's refusals, so a user without rights reads the same sentence everywhere.
import type { Refusal, SendResult } from '../../../shared/protocol/index.js';
import { StationError } from '../errors.js';

export function refusalSentence(refused: readonly Refusal[]): string {
  const shown = refused.slice(0, 5).map((r) => `${r.target}: ${r.reason}`);
  const more = refused.length > 5 ? ` (and ${refused.length - 5} more)` : '';
  return `Nothing was sent. ${shown.join(' ')}${more}`;
}

/** Throws `forbidden` when the dispatcher refused every recipient; returns the id otherwise. */
export function requireSent(result: SendResult): number {
  if (result.broadcastId === null) {
    throw new StationError('forbidden', result.refused.length > 0 ? refusalSentence(result.refused) : 'Nothing was sent: no recipient was found.');
  }
  return result.broadcastId;
}
