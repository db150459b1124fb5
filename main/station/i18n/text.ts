// A sentence not yet said: a catalog key and its params. Errors and refusals carry one, so the
// same fact can be told to a Russian control room, an English script and the English log.
import type { Locale } from '../../../shared/protocol/index.js';
import type { MessageParams } from './catalog.js';
import { messages, type MessageKey, type ParamsOf } from './messages.js';

export type Message = { [K in MessageKey]: { readonly key: K; readonly params: ParamsOf<K> } }[MessageKey];

type ParamsArg<K extends MessageKey> = keyof ParamsOf<K> extends never ? [params?: ParamsOf<K>] : [params: ParamsOf<K>];

/** `msg('send.unknownGroup', { id })`: a key and exactly the params its sentences read. */
export function msg<K extends MessageKey>(key: K, ...[params]: ParamsArg<K>): Message {
  return { key, params: params ?? {} } as Message;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}

/** The sentence in `locale`. */
export function render(message: Message, locale: Locale): string {
  const e = messages[message.key] as { [L in Locale]: (p: MessageParams) => string };
  return e[locale](message.params as MessageParams);
}

/** A key and params from outside the station (domain errors), checked at run time. */
export function fromKey(key: string, params: MessageParams = {}): Message | null {
  return isMessageKey(key) ? ({ key, params } as Message) : null;
}
