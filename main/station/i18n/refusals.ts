// A recipient left out of a send, with its reason as a catalog message. The dispatcher builds
// these once for every door; `reason` is the English sentence (REST, SOAP, mail, the audit log),
// and the control room gets it re-told in the client's language by `sayRefusals`.
import type { Locale, Refusal } from '../../../shared/protocol/index.js';
import { render, type Message } from './text.js';

export interface StationRefusal extends Refusal {
  readonly text: Message;
  /** The person in the directory it is about: whether a reader may see them (auth/refusal-sight.ts). */
  readonly contactId?: number;
  /** Their full label ("Name (+phone)") when `target` does not show it: for the audit log and readers who see them. */
  readonly named?: string;
  /** `target` as a catalog sentence ("a recipient outside your rights"), told in the reader's language. */
  readonly label?: Message;
}

export function refusal(kind: Refusal['kind'], target: string, text: Message): StationRefusal {
  return { kind, target, reason: render(text, 'en'), text };
}

/** The same refusal with another reason (who it is about stays). */
export function withReason(r: StationRefusal, text: Message): StationRefusal {
  return { ...r, reason: render(text, 'en'), text };
}

/** The wire form in `locale`: only the protocol's fields, the reason told in that language. */
export function sayRefusals(refused: readonly Refusal[], locale: Locale): Refusal[] {
  return refused.map((r) => ({
    kind: r.kind,
    target: 'label' in r && r.label ? render((r as StationRefusal).label!, locale) : r.target,
    reason: 'text' in r ? render((r as StationRefusal).text, locale) : r.reason,
  }));
}
