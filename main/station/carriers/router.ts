// Chooses the carrier for each outgoing SMS. The outbox asks per message, so failover needs no
// moving of queues: when a carrier goes down, the next message simply goes to the next one up.
// Order: carriers whose operators include the recipient's (cheaper, faster on-net), then the
// rest, each in priority order; 'up' carriers before 'degraded' ones; 'down', 'connecting' and
// 'disabled' are skipped. The state is the effective one (health/): the link's, made worse by
// what the outbox saw of the carrier's answers (throttling, silence, slowness, errors). The
// router also relays every carrier's status changes to listeners (the board, the outbox's
// wake-up) when the station starts carriers through it.
import type { CarrierState, CarrierStatus } from '../../../shared/protocol/index.js';
import type { Carrier, CarrierSink } from './carrier.js';
import { OperatorTable, type OperatorTableConfig } from './operator-table.js';
import { HealthBoard } from './health/health-board.js';
import type { HealthThresholds } from './health/lane-health.js';

export interface CarrierRoute {
  carrier: Carrier;
  /** Lower is tried first (1 before 2); carriers of equal priority keep their listed order. */
  priority?: number;
  /** Operators this carrier is preferred for, e.g. a modem with that operator's SIM. */
  operators?: readonly string[];
}

export interface RouterOptions {
  /** Numbering-plan data for operator preference; without it, only priority counts. */
  operators?: OperatorTable | OperatorTableConfig;
  /** When the lanes' observations make a carrier degraded or down. */
  health?: HealthThresholds;
  now?: () => number;
}

export interface PickOptions {
  /** Carrier ids not to use this time, e.g. the one that just failed this message. */
  exclude?: Iterable<string>;
  /** The store's message id: a message pinned to one carrier (an admin's test send) goes only through it. */
  messageId?: number;
  /** Effective states taken once for a whole turn of choices (the outbox's), instead of per call. */
  states?: ReadonlyMap<string, CarrierState>;
}

/** Pins older than this are forgotten: a test send still queued after a day is no test any more. */
const PIN_TTL_MS = 24 * 3600_000;

export type StatusListener = (status: CarrierStatus, previous: CarrierState | undefined) => void;

const USABLE: readonly CarrierState[] = ['up', 'degraded'];

export class CarrierRouter {
  private routes: ReadonlyArray<Required<CarrierRoute> & { index: number }>;
  private carriers: readonly Carrier[];
  private readonly table: OperatorTable | null;
  private readonly listeners = new Set<StatusListener>();
  private readonly lastState = new Map<string, CarrierState>();
  private readonly pins = new Map<number, { carrierId: string; at: number }>();
  private readonly preferred = new Map<number, { carrierId: string; at: number }>();
  /** What the outbox's lanes observe of each carrier; it makes the effective state. */
  readonly health: HealthBoard;
  private readonly lastShown = new Map<string, string>();
  private readonly now: () => number;
  private sink: CarrierSink | null = null;
  private supervise: ((name: string, start: () => Promise<void>) => Promise<void>) | undefined;
  private ticker: NodeJS.Timeout | null = null;
  /** Carriers whose start() threw, with why: down until a start succeeds. */
  private readonly startFailures = new Map<string, string>();

  /** @param carriers plain carriers in priority order, most preferred first, or routes with priorities */
  constructor(carriers: ReadonlyArray<Carrier | CarrierRoute>, options: RouterOptions = {}) {
    this.routes = orderRoutes(carriers);
    this.carriers = this.routes.map((r) => r.carrier);
    const ops = options.operators;
    this.table = ops === undefined ? null : ops instanceof OperatorTable ? ops : new OperatorTable(ops);
    this.health = new HealthBoard(options.health);
    this.now = options.now ?? Date.now;
  }

  /** Carriers in the order they are tried. */
  list(): readonly Carrier[] {
    return this.carriers;
  }

  get(id: string): Carrier | undefined {
    return this.carriers.find((c) => c.id === id);
  }

  /** Where a route sits in the order: lower is tried first. */
  priority(id: string): number | undefined {
    return this.routes.find((r) => r.carrier.id === id)?.priority;
  }

  /** Position in the order of routes, health aside (0 = tried first when all are well). */
  rank(id: string): number {
    return this.carriers.findIndex((c) => c.id === id);
  }

  /** The carrier's status with what its lane observed applied: what routing and the board use. */
  status(id: string): CarrierStatus | undefined {
    const carrier = this.get(id);
    return carrier && this.effective(carrier);
  }

  /**
   * Sends this message only through `carrierId`, never failing over: a test send must test the
   * carrier the admin chose. While that carrier is down the message waits in the queue.
   */
  pin(messageId: number, carrierId: string, now = Date.now()): void {
    if (!this.get(carrierId)) throw new Error(`No carrier "${carrierId}" to pin message ${messageId} to.`);
    for (const [id, p] of this.pins) if (now - p.at > PIN_TTL_MS) this.pins.delete(id);
    this.pins.set(messageId, { carrierId, at: now });
  }

  /**
   * Tries `carrierId` first for this message (an alert plan's preferred carrier), failing over to
   * the others as usual when it is down or refuses.
   */
  prefer(messageId: number, carrierId: string, now = Date.now()): void {
    if (!this.get(carrierId)) return;
    for (const [id, p] of this.preferred) if (now - p.at > PIN_TTL_MS) this.preferred.delete(id);
    this.preferred.set(messageId, { carrierId, at: now });
  }

  /** The carrier to send this SMS through now, or undefined while none is up. */
  pick(phone: string, options: PickOptions = {}): Carrier | undefined {
    return this.candidates(phone, options)[0];
  }

  /** Every carrier that could take this SMS now, best first. */
  candidates(phone: string, options: PickOptions = {}): Carrier[] {
    const exclude = new Set(options.exclude ?? []);
    const pinned = options.messageId === undefined ? undefined : this.pins.get(options.messageId)?.carrierId;
    const operator = this.table?.operatorOf(phone);
    const preferred = options.messageId === undefined ? undefined : this.preferred.get(options.messageId)?.carrierId;
    const ranked = this.routes
      .filter((r) => !exclude.has(r.carrier.id) && (pinned === undefined || r.carrier.id === pinned))
      .map((r) => ({ r, state: options.states?.get(r.carrier.id) ?? this.effective(r.carrier).state }))
      .filter(({ state }) => USABLE.includes(state))
      .map(({ r, state }) => ({
        r,
        // Lower sorts first: on-net before off-net, then healthy before degraded, then priority.
        key: [r.carrier.id === preferred ? 0 : 1, operator !== undefined && r.operators.includes(operator) ? 0 : 1, state === 'up' ? 0 : 1],
      }));
    ranked.sort((a, b) => a.key[0]! - b.key[0]! || a.key[1]! - b.key[1]! || a.key[2]! - b.key[2]! || a.r.priority - b.r.priority || a.r.index - b.r.index);
    return ranked.map(({ r }) => r.carrier);
  }

  /** The operator the table assigns to a number, for display and tests. */
  operatorOf(phone: string): string | undefined {
    return this.table?.operatorOf(phone);
  }

  /** Current status of every carrier, in routing order: what the board shows. */
  statuses(): CarrierStatus[] {
    return this.carriers.map((c) => this.effective(c));
  }

  /** Calls `listener` on each status a carrier reports; returns a function that unsubscribes. */
  onStatus(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A sink that passes everything to `sink` and tells the router's listeners about status
   * changes, effective state applied. Start carriers with it (or use start()) for onStatus to
   * hear them.
   */
  wrap(sink: CarrierSink): CarrierSink {
    this.sink = sink;
    return this.sinkFor(null);
  }

  /**
   * The sink one carrier reports to. Its status counts only while it is the carrier routed under
   * its id: a carrier taken out by reconfigure says "stopped" as it goes, and that is not news.
   */
  private sinkFor(carrier: Carrier | null): CarrierSink {
    const sink = this.sink!;
    const wrapped: CarrierSink = {
      inbound: (sms, carrierId) => sink.inbound(sms, carrierId),
      report: (report, carrierId) => sink.report(report, carrierId),
      status: (status) => {
        if (!this.carriers.some((c) => c.id === status.id && (carrier === null || c === carrier))) return;
        const previous = this.lastState.get(status.id);
        if (previous !== undefined && previous !== status.state) this.health.lane(status.id).linkChanged();
        this.lastState.set(status.id, status.state);
        this.publish(this.health.effective(status), true);
      },
    };
    if (sink.late) {
      wrapped.late = (messageId, answer, carrierId) => {
        // The station's trouble with a late answer is not the reporting carrier's.
        try {
          sink.late!(messageId, answer, carrierId);
        } catch {
          /* logged by the station's own guards */
        }
      };
    }
    if (sink.acknowledged) {
      wrapped.acknowledged = (carrierId, refs) => {
        try {
          sink.acknowledged!(carrierId, refs);
        } catch {
          /* a note only: a redelivery is then dropped as before */
        }
      };
    }
    return wrapped;
  }

  /** What a carrier reports, made worse by a failed start and by what its lane observed. */
  private effective(c: Carrier): CarrierStatus {
    const failure = this.startFailures.get(c.id);
    const status = c.status();
    return this.health.effective(failure ? { ...status, state: 'down', detail: failure } : status);
  }

  /** Tells the sink and the listeners, when the effective status changed (or always, `force`). */
  private publish(status: CarrierStatus, force = false): void {
    const key = `${status.state}\u0000${status.detail ?? ''}\u0000${status.inDoubt ?? 0}\u0000${status.resent ?? 0}`;
    const shown = this.lastShown.get(status.id);
    if (!force && shown === key) return;
    const previous = shown === undefined ? undefined : (shown.split('\u0000')[0] as CarrierState);
    this.lastShown.set(status.id, key);
    // A failing sink or listener must not break the carrier that is reporting.
    try {
      this.sink?.status(status);
    } catch {
      /* the sink's own problem */
    }
    for (const listener of this.listeners) {
      try {
        listener(status, previous);
      } catch {
        /* the listener's own problem */
      }
    }
  }

  /**
   * A new set of routes, applied at once (carriers edited on screen). A carrier kept (the same
   * object) keeps running and only its priority and operators change; a carrier no longer listed,
   * or replaced by a new one under the same id (its settings changed), leaves routing first and is
   * then stopped; a new one is started with the router's sink. What the old one still sends or
   * receives while it stops is delivered as usual; only its status no longer shows.
   */
  async reconfigure(next: ReadonlyArray<Carrier | CarrierRoute>): Promise<{ started: Carrier[]; stopped: Carrier[] }> {
    const routes = orderRoutes(next);
    const before = this.carriers;
    const kept = new Set(routes.map((r) => r.carrier));
    const stopped = before.filter((c) => !kept.has(c));
    const started = routes.map((r) => r.carrier).filter((c) => !before.includes(c));
    this.routes = routes;
    this.carriers = routes.map((r) => r.carrier);
    const ids = new Set(this.carriers.map((c) => c.id));
    for (const c of stopped) {
      this.lastState.delete(c.id);
      this.lastShown.delete(c.id);
      // A replaced carrier is judged afresh; a removed one is forgotten.
      this.health.forget(c.id);
      if (!ids.has(c.id)) for (const [m, p] of this.pins) if (p.carrierId === c.id) this.pins.delete(m);
    }
    await Promise.allSettled(stopped.map((c) => c.stop()));
    for (const c of stopped) if (!ids.has(c.id)) this.startFailures.delete(c.id);
    if (this.sink) for (const c of started) await this.startOne(c);
    return { started, stopped };
  }

  /** Re-judges every carrier's health now (the outbox calls it after each answer it records). */
  refresh(): void {
    this.health.tick(this.now());
    for (const c of this.carriers) {
      if (this.lastState.has(c.id) || this.startFailures.has(c.id)) this.publish(this.effective(c));
    }
  }

  /**
   * Starts every carrier with its sink, in routing order. With `supervise`, a carrier whose
   * start throws is shown down with the reason and started again by the supervisor; without it,
   * the error is thrown. Carriers added later by reconfigure are started the same way.
   */
  async start(sink: CarrierSink, supervise?: (name: string, start: () => Promise<void>) => Promise<void>): Promise<void> {
    this.sink = sink;
    this.supervise = supervise;
    // Silent links and held verdicts change with time alone.
    this.ticker ??= setInterval(() => {
      // A timer of its own: whatever fails in one look is tried again at the next.
      try {
        this.refresh();
      } catch {
        /* the next tick judges again */
      }
    }, 1_000);
    this.ticker.unref();
    for (const c of this.carriers) await this.startOne(c);
  }

  private async startOne(c: Carrier): Promise<void> {
    const start = async () => {
      try {
        await c.start(this.sinkFor(c));
        if (this.startFailures.delete(c.id)) this.publish(this.effective(c));
      } catch (err) {
        this.startFailures.set(c.id, `${c.id} could not start (${err instanceof Error ? err.message : String(err)}); trying again.`);
        this.publish(this.effective(c));
        throw err;
      }
    };
    if (this.supervise) await this.supervise(`carrier ${c.id}`, start);
    else await start();
  }

  async stop(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    await Promise.allSettled(this.carriers.map((c) => c.stop()));
  }
}

/** Routes sorted for trying: by priority, then as listed; ids must be unique. */
function orderRoutes(carriers: ReadonlyArray<Carrier | CarrierRoute>): ReadonlyArray<Required<CarrierRoute> & { index: number }> {
  const routes = carriers.map((c, index) => {
    const route: CarrierRoute = 'carrier' in c ? c : { carrier: c };
    return { carrier: route.carrier, priority: route.priority ?? index, operators: route.operators ?? [], index };
  });
  const ids = new Set<string>();
  for (const r of routes) {
    if (ids.has(r.carrier.id)) throw new Error(`Two carriers share the id "${r.carrier.id}"; give each its own.`);
    ids.add(r.carrier.id);
  }
  return [...routes].sort((a, b) => a.priority - b.priority || a.index - b.index);
}
