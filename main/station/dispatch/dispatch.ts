// The one door every sending path goes through (DESIGN §1): UI, HTTP, SOAP and mail build a
// request and call `send`. Recipients are resolved and rights checked here, once; the broadcast
// and all its messages are committed in one transaction before the outbox sees them.
import type { Store } from '../store/store.js';
import type { BroadcastKind, BroadcastSource, PreviewResult, SendResult } from '../../../shared/protocol/index.js';
import { countSegments, MAX_SEGMENTS, LIMITS } from '../domain/segments.js';
import { parseTags } from '../domain/tags.js';
import { StationError } from '../errors.js';
import { resolveRecipients, type RecipientRequest } from './recipients.js';
import { checkRights, type SendingActor } from './rights.js';

export interface DispatchRequest extends RecipientRequest {
  text: string;
  kind: BroadcastKind;
  source: BroadcastSource;
}

export interface DispatchHooks {
  /** Called after a broadcast is committed, so the outbox wakes and clients hear of it. */
  committed(broadcastId: number, messageIds: number[]): void;
}

export class Dispatcher {
  constructor(
    private readonly store: Store,
    private readonly hooks: DispatchHooks,
  ) {}

  /** What a send would do, without storing anything: the compose screen's live count. */
  preview(actor: SendingActor, req: DispatchRequest): PreviewResult {
    const seg = countSegments(req.text);
    const { recipients, refused } = this.resolve(actor, req);
    return {
      recipients: recipients.length,
      segments: seg.segments,
      encoding: seg.encoding,
      characters: seg.characters,
      refused,
    };
  }

  send(actor: SendingActor, req: DispatchRequest): SendResult {
    const text = req.text.trim();
    const seg = validateText(text);
    if (req.groups.length + req.contacts.length + req.phones.length + req.tags.length === 0) {
      throw new StationError('bad_request', 'Choose at least one recipient: a group, a contact, a tag or a phone number.', 'recipients');
    }
    const { recipients, refused } = this.resolve(actor, req);
    const requested = { groups: req.groups, contacts: req.contacts, phones: req.phones, tags: req.tags };
    if (refused.length > 0) {
      this.store.audit.record(actor, 'send.refused', null, { source: req.source, requested, refused });
    }
    if (recipients.length === 0) {
      return { broadcastId: null, recipients: 0, segments: seg.segments, refused };
    }
    const tags = parseTags(text);
    const tagIds = tags.map((t) => this.store.tags.ensure(t));
    const { broadcastId, messageIds } = this.store.db.transaction(() => {
      const created = this.store.broadcasts.create({
        authorId: actor.userId,
        source: req.source,
        kind: req.kind,
        text,
        tags,
        tagIds,
        segments: seg.segments,
        recipients: recipients.map((r) => ({ contactId: r.contactId, phone: r.phone })),
      });
      this.store.audit.record(actor, 'send', `broadcast:${created.broadcastId}`, {
        source: req.source,
        recipients: recipients.length,
        segments: seg.segments,
        requested,
      });
      return created;
    })();
    this.hooks.committed(broadcastId, messageIds);
    return { broadcastId, recipients: recipients.length, segments: seg.segments, refused };
  }

  private resolve(actor: SendingActor, req: DispatchRequest) {
    const resolution = resolveRecipients(this.store.db, req);
    const verdict = checkRights(this.store.db, actor, resolution.recipients);
    return { recipients: verdict.allowed, refused: [...resolution.refused, ...verdict.refused] };
  }
}

/** Refuses an empty text or one over MAX_SEGMENTS SMS, saying how long it may be. */
export function validateText(text: string) {
  if (text.length === 0) throw new StationError('bad_request', 'The message is empty. Write the text to send.', 'text');
  const seg = countSegments(text);
  if (seg.segments > MAX_SEGMENTS) {
    throw new StationError(
      'too_large',
      `The message is ${seg.characters} characters, ${seg.segments} SMS; the limit is ${MAX_SEGMENTS} SMS ` +
        `(${MAX_SEGMENTS * LIMITS.ucs2.part} characters in Cyrillic, ${MAX_SEGMENTS * LIMITS.gsm7.part} in Latin). Shorten it.`,
      'text',
    );
  }
  return seg;
}
