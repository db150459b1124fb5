// The one ws connection to the station. It speaks shared/protocol only: every frame it receives
// is checked with the zod schemas before anything else sees it, so a station of another version
// (or a broken proxy) shows up as a logged protocol error, never as undefined in a component.
// It reconnects by itself with capped exponential backoff; an outage can last hours.
import {
  EventFrame,
  ReplyFrame,
  events as eventSchemas,
  isEventName,
  requests,
  type EventData,
  type EventName,
  type RequestName,
  type RequestParams,
  type RequestResult,
  type WireError,
} from '../../shared/protocol/index.js';

export type LinkState = 'connecting' | 'open' | 'offline';

/** An error a request ended with: the station's own, or one of ours (`disconnected`, `timeout`, `protocol`). */
export class StationError extends Error {
  constructor(
    readonly code: WireError['code'] | 'disconnected' | 'timeout' | 'protocol',
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'StationError';
  }
}

/** The slice of the browser WebSocket the client uses, so tests can hand in a fake. */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export type StationEvent = { [K in EventName]: { event: K; data: EventData<K> } }[EventName];

export interface StationClientOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** Delay before reconnect attempt n (1-based). */
  backoff?: (attempt: number) => number;
  requestTimeoutMs?: number;
  onState?: (state: LinkState, retryAt: number | null) => void;
  onOpen?: () => void;
  onEvent?: (event: StationEvent) => void;
  onProtocolError?: (problem: string) => void;
}

const OPEN = 1;

/** 0.5 s, 1 s, 2 s … capped at 15 s, with jitter so a room of workstations doesn't stampede. */
export function defaultBackoff(attempt: number): number {
  const base = Math.min(15_000, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

interface Pending {
  method: RequestName;
  resolve: (value: unknown) => void;
  reject: (error: StationError) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class StationClient {
  private socket: SocketLike | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private readonly opts: Required<Omit<StationClientOptions, 'onState' | 'onOpen' | 'onEvent' | 'onProtocolError'>> &
    StationClientOptions;

  constructor(options: StationClientOptions) {
    this.opts = {
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      backoff: defaultBackoff,
      requestTimeoutMs: 15_000,
      ...options,
    };
  }

  get isOpen(): boolean {
    return this.socket !== null && this.socket.readyState === OPEN;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.failAll('Disconnected.');
  }

  /** Skip the rest of the backoff wait (the banner's "retry now"). */
  retryNow(): void {
    if (this.stopped || this.socket) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connect();
  }

  request<K extends RequestName>(method: K, params: RequestParams<K>): Promise<RequestResult<K>> {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) {
      return Promise.reject(new StationError('disconnected', 'The station is not reachable.'));
    }
    const id = this.nextId++;
    return new Promise<RequestResult<K>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new StationError('timeout', 'The station did not answer in time.'));
      }, this.opts.requestTimeoutMs);
      this.pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject, timer });
      socket.send(JSON.stringify({ id, method, params }));
    });
  }

  private connect(): void {
    this.opts.onState?.('connecting', null);
    let socket: SocketLike;
    try {
      socket = this.opts.createSocket(this.opts.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempts = 0;
      this.opts.onState?.('open', null);
      this.opts.onOpen?.();
    };
    socket.onmessage = (ev) => {
      if (this.socket === socket) this.receive(ev.data);
    };
    // Browsers fire error then close; only close drives the state machine.
    socket.onerror = () => undefined;
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failAll('The connection to the station was lost.');
      if (!this.stopped) this.scheduleRetry();
    };
  }

  private scheduleRetry(): void {
    this.attempts += 1;
    const delay = this.opts.backoff(this.attempts);
    this.opts.onState?.('offline', Date.now() + delay);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.connect();
    }, delay);
  }

  private failAll(message: string): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new StationError('disconnected', message));
    }
    this.pending.clear();
  }

  private receive(raw: unknown): void {
    let json: unknown;
    try {
      json = JSON.parse(typeof raw === 'string' ? raw : String(raw));
    } catch {
      this.opts.onProtocolError?.('A frame that is not JSON.');
      return;
    }
    if (json !== null && typeof json === 'object' && 'event' in json) {
      this.receiveEvent(json);
      return;
    }
    const reply = ReplyFrame.safeParse(json);
    if (!reply.success) {
      this.opts.onProtocolError?.('A frame that is neither a reply nor an event.');
      return;
    }
    const frame = reply.data;
    const pending = this.pending.get(frame.id);
    if (!pending) return; // Timed out or failed already.
    this.pending.delete(frame.id);
    clearTimeout(pending.timer);
    if (!frame.ok) {
      pending.reject(new StationError(frame.error.code, frame.error.message, frame.error.field));
      return;
    }
    const value = requests[pending.method].result.safeParse(frame.value);
    if (!value.success) {
      this.opts.onProtocolError?.(`A reply to ${pending.method} that fails its schema.`);
      pending.reject(new StationError('protocol', 'The station answered with something this version does not understand.'));
      return;
    }
    pending.resolve(value.data);
  }

  private receiveEvent(json: unknown): void {
    const frame = EventFrame.safeParse(json);
    if (!frame.success || !isEventName(frame.data.event)) {
      // An unknown event from a newer station is not an error: additive protocol changes are allowed.
      if (!frame.success) this.opts.onProtocolError?.('An event frame that fails its schema.');
      return;
    }
    const name = frame.data.event;
    const data = eventSchemas[name].safeParse(frame.data.data);
    if (!data.success) {
      this.opts.onProtocolError?.(`A ${name} event that fails its schema.`);
      return;
    }
    this.opts.onEvent?.({ event: name, data: data.data } as StationEvent);
  }
}

/** `/ws` on the page's own origin: the Electron window and a browser on the next desk alike. */
export function stationUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}
