// The control-room protocol over ws. Every frame is validated against shared/protocol; a frame
// that fails gets an error naming the field, never a crash. Events go to logged-in clients only.
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
import { msg, render } from '../i18n/text.js';
import { controlRoomHandlers, PUBLIC_REQUESTS, type ClientSession, type Handlers } from './control-room.js';

const MAX_FRAME_BYTES = 256 * 1024;

export class ControlRoomServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly handlers: Handlers;
  private readonly clients = new Map<WebSocket, ClientSession>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly core: StationCore) {
    this.handlers = controlRoomHandlers(core);
    for (const name of Object.keys(events) as EventName[]) {
      this.unsubscribe.push(core.events.on(name, (data) => this.broadcast({ event: name, data })));
    }
  }

  /** Called by the http server for `GET /ws` upgrades whose Host and Origin it has checked. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
  }

  get connections(): number {
    return this.clients.size;
  }

  close(): void {
    for (const u of this.unsubscribe) u();
    for (const ws of this.clients.keys()) ws.close(1001, 'Station stopping');
    this.wss.close();
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const session: ClientSession = { user: null, token: null, address: req.socket.remoteAddress ?? 'unknown', locale: 'en' };
    this.clients.set(ws, session);
    ws.on('message', (raw, isBinary) => {
      this.onFrame(ws, session, isBinary ? null : raw.toString()).catch((err: unknown) => this.core.log.error({ err }, 'control-room frame failed'));
    });
    ws.on('close', () => this.clients.delete(ws));
    ws.on('error', () => this.clients.delete(ws));
  }

  private async onFrame(ws: WebSocket, session: ClientSession, text: string | null): Promise<void> {
    let json: unknown;
    try {
      json = text === null ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const frame = ClientFrame.safeParse(json);
    if (!frame.success) {
      const id = typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : -1;
      this.reply(ws, { id, ok: false, error: { code: 'bad_request', message: render(msg('frame.notJson'), session.locale) } });
      return;
    }
    const { id, method, params } = frame.data;
    try {
      if (!isRequestName(method)) throw new StationError('bad_request', msg('frame.unknownRequest', { method }));
      if (!PUBLIC_REQUESTS.has(method)) {
        if (!session.user) throw new StationError('unauthenticated', msg('session.loginFirst'));
        // Checked on every request: a user the admin disabled (or whose password was reset) is out
        // at once, and a changed role applies to the next request, not the next login.
        const current = session.token ? this.core.store.users.sessionUser(session.token) : undefined;
        if (!current) {
          session.user = null;
          session.token = null;
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
      this.reply(ws, { id, ok: true, value });
    } catch (err) {
      this.reply(ws, { id, ok: false, error: toWireError(err, this.core, session.locale) });
    }
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

  private broadcast(frame: ServerFrame): void {
    // Runs inside whatever emitted the event (an inbound SMS, the outbox): it must never throw there.
    try {
      const text = JSON.stringify(frame);
      for (const [ws, session] of this.clients) {
        if (session.user && ws.readyState === ws.OPEN) ws.send(text);
      }
    } catch (err) {
      this.core.log.error({ err }, 'push to control rooms failed');
    }
  }
}

function toWireError(err: unknown, core: StationCore, locale: Locale): WireError {
  if (err instanceof StationError) return { code: err.code, message: err.say(locale), ...(err.field ? { field: err.field } : {}) };
  core.log.error({ err }, 'control-room request failed');
  return { code: 'internal', message: render(msg('internal'), locale) };
}
