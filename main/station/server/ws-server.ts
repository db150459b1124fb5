// The control-room protocol over ws. Every frame is validated against shared/protocol; a frame
// that fails gets an error naming the field, never a crash. Each socket has a budget (ws-budget.ts)
// so no desk can starve the others. Events go to sockets whose *session* is alive: a logout, a
// disabled user, a new role, a password reset (here or by the CLI in another process) or expiry
// closes every socket of that session at once, and nothing more is pushed to them.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  ClientFrame,
  events,
  isRequestName,
  requests,
  type EventName,
  type Locale,
  type ServerFrame,
  type WireError,
} from '../../../shared/protocol/index.js';
import type { StationCore } from '../core.js';
import { StationError } from '../errors.js';
import { storeTroubleAsStationError } from '../dispatch/writable-dispatcher.js';
import { msg, render } from '../i18n/text.js';
import { activeUser } from '../auth/door-check.js';
import type { SessionEndReason, SessionsEnded } from '../store/users.js';
import { tellCarrierTexts } from '../i18n/tell-carrier-texts.js';
import { controlRoomHandlers, PUBLIC_REQUESTS, type ClientSession, type ControlRoomOptions, type Handlers } from './control-room.js';
import { ANONYMOUS_BUDGET, LOGGED_IN_BUDGET, MAX_BUFFERED_BYTES, SocketBudget } from './ws-budget.js';
import type { PushGate } from './push-gate.js';

const MAX_FRAME_BYTES = 256 * 1024;
/** How often open sockets' sessions are checked even when nothing is pushed (expiry, the CLI). */
const SWEEP_MS = 5_000;
/** Close code for "your session ended": the client logs in again instead of retrying blindly. */
export const SESSION_ENDED_CLOSE = 4001;

interface Connection {
  session: ClientSession;
  budget: SocketBudget;
  /** Set when the session ended while requests were running: close once their replies are out. */
  ending: SessionEndReason | null;
}

export class ControlRoomServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly handlers: Handlers;
  private readonly clients = new Map<WebSocket, Connection>();
  private readonly unsubscribe: (() => void)[] = [];
  private readonly sweep: NodeJS.Timeout;
  /** SQLite's data_version when sessions were last checked: it moves when another process writes. */
  private checkedVersion = -1;
  /** The earliest expiry among the sockets' sessions: past it, check again. */
  private nextExpiry = 0;

  private readonly gate: PushGate | undefined;

  constructor(
    private readonly core: StationCore,
    options: ControlRoomOptions & { gate?: PushGate } = {},
  ) {
    this.gate = options.gate;
    this.handlers = controlRoomHandlers(core, options);
    for (const name of Object.keys(events) as EventName[]) {
      this.unsubscribe.push(core.events.on(name, (data) => this.broadcast(name, data), () => this.clients.size > 0));
    }
    this.unsubscribe.push(core.store.users.onSessionsEnded((e) => this.sessionsEnded(e)));
    this.sweep = setInterval(() => this.guarded(() => this.verifySessions(true)), SWEEP_MS);
    this.sweep.unref();
  }

  /** Called by the http server for `GET /ws` upgrades whose Host and Origin it has checked. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
  }

  get connections(): number {
    return this.clients.size;
  }

  close(): void {
    clearInterval(this.sweep);
    for (const u of this.unsubscribe) u();
    for (const ws of this.clients.keys()) ws.close(1001, 'Station stopping');
    this.wss.close();
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const session: ClientSession = {
      user: null,
      token: null,
      tokenHash: null,
      address: req.socket.remoteAddress ?? 'unknown',
      locale: 'en',
      loginPending: false,
      expiresAt: 0,
    };
    const conn: Connection = { session, budget: new SocketBudget(ANONYMOUS_BUDGET), ending: null };
    this.clients.set(ws, conn);
    ws.on('message', (raw, isBinary) => {
      this.guarded(() => this.onMessage(ws, conn, isBinary ? null : raw.toString()));
    });
    ws.on('close', () => this.clients.delete(ws));
    ws.on('error', () => this.clients.delete(ws));
  }

  /** Admission: parse just enough to answer, then queue within the socket's budget. */
  private onMessage(ws: WebSocket, conn: Connection, text: string | null): void {
    let json: unknown;
    try {
      json = text === null ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const frame = ClientFrame.safeParse(json);
    const { session } = conn;
    if (!frame.success) {
      const id = typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : -1;
      this.reply(ws, { id, ok: false, error: { code: 'bad_request', message: render(msg('frame.notJson'), session.locale) } });
      return;
    }
    if (conn.ending) return;
    conn.budget.setRule(session.user ? LOGGED_IN_BUDGET : ANONYMOUS_BUDGET);
    const wait = conn.budget.admit(() => this.run(ws, conn, frame.data));
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait / 1000));
      this.reply(ws, { id: frame.data.id, ok: false, error: { code: 'rate_limited', message: render(msg('flood.tooFast', { seconds }), session.locale) } });
    }
  }

  private async run(ws: WebSocket, conn: Connection, frame: ClientFrame): Promise<void> {
    const { session } = conn;
    const { id, method, params } = frame;
    try {
      if (ws.readyState !== ws.OPEN) return;
      if (!isRequestName(method)) throw new StationError('bad_request', msg('frame.unknownRequest', { method }));
      if (!PUBLIC_REQUESTS.has(method)) {
        if (!session.user) throw new StationError('unauthenticated', msg('session.loginFirst'));
        // Checked on every request: a user the admin disabled (or whose password was reset) is out
        // at once, and a changed role applies to the next request, not the next login.
        const current = session.token ? this.core.store.users.sessionUser(session.token) : undefined;
        if (!current) {
          this.forget(session);
          throw new StationError('unauthenticated', msg('session.ended'));
        }
        session.user = current;
      }
      const parsed = requests[method].params.safeParse(params ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = issue.path.join('.');
        throw new StationError('bad_request', msg('frame.invalid', { field, issue: issue.message }), field || undefined);
      }
      const handler = this.handlers[method] as (s: ClientSession, p: unknown) => unknown;
      const value = await handler(session, parsed.data);
      if (session.tokenHash) this.noteSession(session);
      // Carriers' sentences (a link's state, an SMS's error) in the desk's language.
      this.reply(ws, { id, ok: true, value: tellCarrierTexts(value, session.locale) });
    } catch (err) {
      this.reply(ws, { id, ok: false, error: toWireError(err, this.core, session.locale) });
    } finally {
      if (conn.ending && conn.budget.busy <= 1) this.closeEnded(ws, conn.ending);
    }
  }

  /** After login or resume: when this session must be looked at again. */
  private noteSession(session: ClientSession): void {
    const alive = this.core.store.users.sessionAlive(session.tokenHash!);
    session.expiresAt = alive?.expiresAt ?? 0;
    if (this.nextExpiry === 0 || session.expiresAt < this.nextExpiry) this.nextExpiry = session.expiresAt;
  }

  private forget(session: ClientSession): void {
    session.user = null;
    session.token = null;
    session.tokenHash = null;
  }

  /** Sessions ended in this process: their sockets close now. */
  private sessionsEnded(e: SessionsEnded): void {
    for (const [ws, conn] of this.clients) {
      const s = conn.session;
      if (!s.user) continue;
      const hit = 'tokenHash' in e ? s.tokenHash === e.tokenHash : s.user.id === e.userId;
      if (hit) this.end(ws, conn, e.reason);
    }
  }

  private end(ws: WebSocket, conn: Connection, reason: SessionEndReason): void {
    this.forget(conn.session);
    conn.ending = reason;
    // A request still running (the admin resetting their own password) gets its reply first.
    if (conn.budget.busy === 0) this.closeEnded(ws, reason);
  }

  private closeEnded(ws: WebSocket, reason: SessionEndReason): void {
    this.clients.delete(ws);
    if (ws.readyState === ws.OPEN) ws.close(SESSION_ENDED_CLOSE, `session ended: ${reason}`);
  }

  /**
   * Checks every logged-in socket's session against the store when something may have ended one
   * out of our sight: another process wrote (the CLI's `user passwd`), or a session's expiry passed.
   */
  private verifySessions(force = false): void {
    const now = Date.now();
    const version = this.core.store.db.pragma('data_version', { simple: true }) as number;
    if (!force && version === this.checkedVersion && (this.nextExpiry === 0 || now < this.nextExpiry)) return;
    this.checkedVersion = version;
    let next = 0;
    for (const [ws, conn] of this.clients) {
      const s = conn.session;
      if (!s.user || !s.tokenHash) continue;
      const alive = this.core.store.users.sessionAlive(s.tokenHash, now);
      const user = alive && alive.userId === s.user.id ? activeUser(this.core.store.db, { userId: alive.userId }) : undefined;
      if (!alive || !user) {
        this.end(ws, conn, alive ? 'disabled' : 'expired');
        continue;
      }
      if (user.role !== s.user.role) {
        this.end(ws, conn, 'role');
        continue;
      }
      s.expiresAt = alive.expiresAt;
      if (next === 0 || alive.expiresAt < next) next = alive.expiresAt;
    }
    this.nextExpiry = next;
  }

  private reply(ws: WebSocket, frame: ServerFrame): void {
    if (ws.readyState !== ws.OPEN) return;
    try {
      ws.send(JSON.stringify(frame));
    } catch (err) {
      this.core.log.error({ err }, 'control-room reply failed');
      ws.terminate();
    }
  }

  private broadcast(event: EventName, data: unknown): void {
    // Runs inside whatever emitted the event (an inbound SMS, the outbox): it must never throw there.
    // No desk connected, nobody to tell: no session to check (PRAGMA data_version), no frame to build.
    if (this.clients.size === 0) return;
    this.guarded(() => {
      this.verifySessions();
      const text = JSON.stringify({ event, data } satisfies ServerFrame);
      // The same event told once per language a desk reads (carriers' sentences in it).
      const told = new Map<string, string>([['en', text]]);
      const textFor = (locale: Locale) => {
        let t = told.get(locale);
        if (t === undefined) {
          const d = tellCarrierTexts(data, locale);
          told.set(locale, (t = d === data ? text : JSON.stringify({ event, data: d } satisfies ServerFrame)));
        }
        return t;
      };
      for (const [ws, conn] of this.clients) {
        const s = conn.session;
        if (!s.user || conn.ending || ws.readyState !== ws.OPEN) continue;
        // What this user may see of it (their read scope): all, a part, or nothing.
        const own = this.gate ? this.gate.filter(s, event, data) : data;
        if (own === undefined) continue;
        // A desk that stopped reading would hold every push in memory: let it reconnect instead.
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
          this.core.log.warn({ address: s.address, buffered: ws.bufferedAmount }, 'control room not reading its pushes; closing it');
          ws.terminate();
          continue;
        }
        ws.send(own === data ? textFor(s.locale) : JSON.stringify({ event, data: tellCarrierTexts(own, s.locale) } satisfies ServerFrame));
      }
    });
  }

  private guarded(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.core.log.error({ err }, 'control-room server step failed');
    }
  }
}

function toWireError(err: unknown, core: StationCore, locale: Locale): WireError {
  if (!(err instanceof StationError) && core.store.writes.failed(err)) err = storeTroubleAsStationError(err);
  if (err instanceof StationError) return { code: err.code, message: err.say(locale), ...(err.field ? { field: err.field } : {}) };
  core.log.error({ err }, 'control-room request failed');
  return { code: 'internal', message: render(msg('internal'), locale) };
}
