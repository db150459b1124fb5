// A control-room protocol client for tests and benches: a real ws connection, requests with
// ids, every event kept in order, and a way to wait for one.
import WebSocket from 'ws';
import type { Locale, RequestName, RequestParams, RequestResult, WireError } from '../../shared/protocol/index.js';

export class RequestFailed extends Error {
  constructor(readonly error: WireError) {
    super(`${error.code}: ${error.message}`);
  }
}

/** The error a request was refused with (the test fails if it was answered instead). */
export async function refusal(p: Promise<unknown>): Promise<WireError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RequestFailed) return e.error;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** The station closed the socket; `code` 4001 means the session ended (logout, disable, reset…). */
export class SocketClosed extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`socket closed: ${code} ${reason}`);
  }
}

export class ControlRoomClient {
  readonly events: { event: string; data: any; at: number }[] = [];
  /** Resolves when the station closes the socket, with its close code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly waiters: { match: (e: { event: string; data: any }) => boolean; resolve: (d: any) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => {
      ws.once('close', (code, reason) => {
        const why = reason.toString();
        for (const p of this.pending.values()) p.reject(new SocketClosed(code, why));
        this.pending.clear();
        resolve({ code, reason: why });
      });
    });
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString());
      if ('event' in frame) {
        const e = { event: frame.event, data: frame.data, at: performance.now() };
        this.events.push(e);
        for (const w of [...this.waiters]) {
          if (w.match(e)) {
            this.waiters.splice(this.waiters.indexOf(w), 1);
            w.resolve(e.data);
          }
        }
        return;
      }
      const p = this.pending.get(frame.id);
      if (!p) return;
      this.pending.delete(frame.id);
      if (frame.ok) p.resolve(frame.value);
      else p.reject(new RequestFailed(frame.error));
    });
  }

  /** `from`: the local address to connect from (127.0.0.2 is another desk to the station). */
  static connect(baseUrl: string, options: { from?: string; ca?: Buffer } = {}): Promise<ControlRoomClient> {
    const ws = new WebSocket(baseUrl.replace(/^http/, 'ws') + '/ws', {
      ...(options.from ? { localAddress: options.from } : {}),
      ...(options.ca ? { ca: options.ca } : {}),
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new ControlRoomClient(ws)));
      ws.once('error', reject);
    });
  }

  /** Without `locale` the station answers in English, as it does any script that names none. */
  static async login(baseUrl: string, login: string, password: string, locale?: Locale, from?: string): Promise<ControlRoomClient> {
    const c = await ControlRoomClient.connect(baseUrl, from ? { from } : {});
    await c.request('login', { login, password, ...(locale ? { locale } : {}) });
    return c;
  }

  request<K extends RequestName>(method: K, params: RequestParams<K>): Promise<RequestResult<K>> {
    return this.raw({ id: this.nextId++, method, params }) as Promise<RequestResult<K>>;
  }

  /** Sends any frame, valid or not, and resolves with the reply to its id. */
  raw(frame: unknown, id = (frame as { id?: number }).id ?? -1): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.ws.readyState !== WebSocket.OPEN) return reject(new SocketClosed(-1, 'not open'));
      this.pending.set(id, { resolve, reject });
      this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    });
  }

  waitFor(event: string, match: (data: any) => boolean = () => true, timeoutMs = 15_000): Promise<any> {
    const seen = this.events.find((e) => e.event === event && match(e.data));
    if (seen) return Promise.resolve(seen.data);
    return new Promise((resolve, reject) => {
      const w = { match: (e: { event: string; data: any }) => e.event === event && match(e.data), resolve };
      this.waiters.push(w);
      setTimeout(() => {
        const i = this.waiters.indexOf(w);
        if (i >= 0) {
          this.waiters.splice(i, 1);
          reject(new Error(`no ${event} event within ${timeoutMs} ms`));
        }
      }, timeoutMs);
    });
  }

  close(): void {
    this.ws.close();
  }
}
