// The carriers the station runs, made from the routes in the store (route-store.ts) plus any
// given at start (tests' carriers, `--carrier modem:PATH`), and applied to the running router
// without a restart: a route whose settings did not change keeps its carrier (and its link); one
// that changed gets a new carrier under the same id; one removed is stopped. Rate limits go to the
// outbox's pace at once; every desk is told the new list (`carriers.changed`).
import { createHash } from 'node:crypto';
import type { CarrierKind, CarrierStatus } from '../../../shared/protocol/index.js';
import { CarrierError, emptyStatus, type Carrier, type CarrierSink } from '../carriers/carrier.js';
import type { CarrierRoute, CarrierRouter } from '../carriers/router.js';
import { buildCarrier, simulator } from '../carriers/from-config.js';
import { createModemCarrier, parseModemSpec } from '../carriers/modem/index.js';
import { ConfigError, type StationConfig } from '../config.js';
import { joinRoute, type RouteRow, type RouteStore } from './route-store.js';

/** A route switched off (or one whose stored settings cannot be built): on the board, never routed to. */
export class IdleCarrier implements Carrier {
  private readonly current: CarrierStatus;
  constructor(
    readonly id: string,
    readonly kind: CarrierKind,
    name: string,
    state: 'disabled' | 'down',
    detail: string | null,
  ) {
    this.current = { ...emptyStatus(id, kind, name), state, detail };
  }
  async start(sink: CarrierSink): Promise<void> {
    sink.status(this.status());
  }
  async stop(): Promise<void> {}
  status(): CarrierStatus {
    return { ...this.current };
  }
  async send(): Promise<never> {
    throw new CarrierError(`${this.current.name} is switched off.`, 'disabled', 'transient');
  }
  capacity(): number {
    return 0;
  }
}

export interface CarrierSetDeps {
  routes: RouteStore;
  config: StationConfig;
  /** Carriers given at start instead of config (tests, benches); the store's routes come after them. */
  given: readonly Carrier[];
}

export interface Applied {
  router: CarrierRouter;
  setRateLimit(carrierId: string, perSecond: number | null): void;
  changed(statuses: CarrierStatus[]): void;
}

export class CarrierSet {
  private readonly built = new Map<string, { hash: string; carrier: Carrier }>();
  /** Routes that are not the store's to edit: given at start or by `--carrier`. */
  private readonly fixed: CarrierRoute[];
  private readonly spec: string | undefined;

  constructor(private readonly deps: CarrierSetDeps) {
    const { config, given } = deps;
    this.spec = given.length > 0 ? undefined : config.carrier;
    this.fixed = given.map((carrier) => ({ carrier }));
    if (given.length === 0) {
      // config.json seeds the store; a fresh station with nothing configured gets the simulator.
      deps.routes.seed(config.carriers);
      if (!deps.routes.everSeeded() && this.spec === undefined) {
        deps.routes.save({ id: 'simulator', kind: 'simulator', name: 'Simulator', settings: {}, secrets: {}, position: 1, enabled: true, operators: [], rateLimit: null, source: 'config' });
      }
      if (this.spec?.startsWith('modem:')) {
        const port = parseModemSpec(this.spec);
        this.fixed.push({ carrier: createModemCarrier({ id: 'modem', name: `Modem ${port.path}`, ...port }) });
      }
      if (this.spec === 'simulator') this.fixed.push({ carrier: simulator(config.simulator) });
    }
  }

  /** Ids of the routes given at start (not editable on screen). */
  fixedIds(): Set<string> {
    return new Set(this.fixed.map((r) => r.carrier.id));
  }

  /** The store's routes this station runs: `--carrier smpp` runs only the SMPP ones, and so on. */
  runs(row: RouteRow): boolean {
    const spec = this.spec;
    if (spec === undefined) return true;
    if (spec === 'simulator') return false;
    if (spec.startsWith('modem:')) return row.kind === 'modem';
    return row.kind === spec;
  }

  /** Every route to run now, in order: the given ones first, then the store's. */
  routes(): CarrierRoute[] {
    const rows = this.deps.routes.list().filter((r) => this.runs(r) && !this.fixedIds().has(r.id));
    const out: CarrierRoute[] = [...this.fixed.map((r, i) => ({ ...r, priority: -1000 + i }))];
    for (const row of rows) out.push({ carrier: this.carrierOf(row), priority: row.position, operators: row.operators });
    if (out.length === 0 && this.spec !== undefined) {
      throw new ConfigError(`--carrier ${this.spec} needs a "${this.spec}" entry under "carriers" in config.json; see docs/carriers.md.`);
    }
    return out;
  }

  /** The rate limit each store route asks for (config.json's outbox.rateLimits where it asks none). */
  rateLimits(): Record<string, number | null> {
    const fromConfig = this.deps.config.outbox.rateLimits ?? {};
    return Object.fromEntries(this.deps.routes.list().map((r) => [r.id, r.rateLimit ?? fromConfig[r.id] ?? null]));
  }

  /** The store changed: the router takes the new routes now. */
  async apply(to: Applied): Promise<void> {
    const before = new Set(to.router.list().map((c) => c.id));
    await to.router.reconfigure(this.routes());
    const limits = this.rateLimits();
    for (const id of new Set([...before, ...Object.keys(limits)])) to.setRateLimit(id, limits[id] ?? null);
    for (const id of [...this.built.keys()]) if (!to.router.get(id)) this.built.delete(id);
    to.changed(to.router.statuses());
  }

  private carrierOf(row: RouteRow): Carrier {
    const hash = createHash('sha256').update(JSON.stringify([row.kind, row.name, row.enabled, row.settings, row.secrets])).digest('hex');
    const known = this.built.get(row.id);
    if (known && known.hash === hash) return known.carrier;
    const carrier = this.build(row);
    this.built.set(row.id, { hash, carrier });
    return carrier;
  }

  private build(row: RouteRow): Carrier {
    if (!row.enabled) return new IdleCarrier(row.id, row.kind, row.name, 'disabled', null);
    try {
      if (row.kind === 'simulator') return simulator(this.deps.config.simulator, { id: row.id, name: row.name });
      return buildCarrier(joinRoute(row));
    } catch (err) {
      // Settings written by hand into the store that no longer parse: the route shows why, nothing breaks.
      return new IdleCarrier(row.id, row.kind, row.name, 'down', `Its settings cannot be used: ${(err as Error).message.split('\n')[0]}`);
    }
  }
}
