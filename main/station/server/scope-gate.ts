// Pushes follow the same read scope as the snapshot and history (auth/read-scope.ts): a user
// limited to some people hears about their messages, the broadcasts that reach them and the
// user's own broadcasts, and gets the directory trimmed to them; an export's progress goes only to
// the user who started it. Scopes are looked up again every two seconds, so a change of rights
// applies to the next pushes without a new login.
import type { ConfirmAlert, EventName, TallyChange } from '../../../shared/protocol/index.js';
import type { StationCore } from '../core.js';
import { readScopeOf, seesBroadcast, seesContact, seesMessage, type ReadScope } from '../auth/read-scope.js';
import type { ClientSession } from './control-room.js';
import type { PushGate } from './push-gate.js';
import { alertInSight, changeInSight, type TallyReader } from '../auth/tally-sight.js';

const SCOPE_TTL_MS = 2_000;

export class ScopeGate implements PushGate {
  private readonly scopes = new Map<number, { scope: ReadScope; at: number }>();
  private readonly broadcasts = new Map<string, { sees: boolean; at: number }>();
  /** Authors never change: kept until the map is full. */
  private readonly authors = new Map<number, number | null>();

  constructor(private readonly core: StationCore) {}

  filter(session: ClientSession, event: EventName, data: unknown): unknown {
    const user = session.user!;
    if (event === 'history.export.progress') {
      const owner = this.core.history.exports.ownerOf((data as { exportId: string }).exportId);
      return owner === undefined || owner === null || owner === user.id ? data : undefined;
    }
    const scope = this.scopeOf(user);
    if (scope.all) return data;
    const db = this.core.store.db;
    switch (event) {
      case 'message.created':
      case 'message.updated':
        return seesMessage(db, scope, data as { contactId: number | null; broadcastId: number | null }) ? data : undefined;
      case 'broadcast.progress': {
        const b = data as { id: number; authorId: number | null };
        return b.authorId === user.id || this.seesBroadcast(scope, b.id) ? data : undefined;
      }
      // A poll's people outside the scope stay in the figures, not by name (auth/tally-sight.ts).
      case 'tally.changed': {
        const c = data as TallyChange;
        if (!this.seesBroadcast(scope, c.broadcastId)) return undefined;
        return changeInSight(c, this.reader(session, scope, c.broadcastId), (phone) => this.core.store.contacts.byPhone(phone)?.id ?? null);
      }
      case 'confirm.alert': {
        const a = data as ConfirmAlert;
        return this.seesBroadcast(scope, a.broadcastId) ? alertInSight(a, this.reader(session, scope, a.broadcastId)) : undefined;
      }
      case 'directory.changed': {
        const d = data as { contacts: { id: number }[] };
        return { ...d, contacts: d.contacts.filter((c) => seesContact(scope, c.id)) };
      }
      default: {
        const broadcastId = (data as { broadcastId?: unknown } | null)?.broadcastId;
        return typeof broadcastId === 'number' && !this.seesBroadcast(scope, broadcastId) ? undefined : data;
      }
    }
  }

  private reader(session: ClientSession, scope: ReadScope, broadcastId: number): TallyReader {
    let author = this.authors.get(broadcastId);
    if (author === undefined) {
      author = (this.core.store.db.prepare('SELECT author_id FROM broadcasts WHERE id = ?').pluck().get(broadcastId) as number | null | undefined) ?? null;
      if (this.authors.size > 10_000) this.authors.clear();
      this.authors.set(broadcastId, author);
    }
    return { scope, author: author === session.user!.id, locale: session.locale };
  }

  private scopeOf(user: NonNullable<ClientSession['user']>): ReadScope {
    const now = Date.now();
    const hit = this.scopes.get(user.id);
    if (hit && now - hit.at < SCOPE_TTL_MS) return hit.scope;
    const scope = readScopeOf(this.core.store.db, user);
    this.scopes.set(user.id, { scope, at: now });
    return scope;
  }

  private seesBroadcast(scope: ReadScope & { all: false }, broadcastId: number): boolean {
    const key = `${scope.userId}:${broadcastId}`;
    const now = Date.now();
    const hit = this.broadcasts.get(key);
    if (hit && now - hit.at < SCOPE_TTL_MS) return hit.sees;
    const sees = seesBroadcast(this.core.store.db, scope, broadcastId);
    if (this.broadcasts.size > 10_000) this.broadcasts.clear();
    this.broadcasts.set(key, { sees, at: now });
    return sees;
  }
}
