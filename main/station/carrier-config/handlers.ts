// The station's side of shared/protocol/carrier-config.ts: routes added, changed, switched on and
// off, ordered and removed from the control room, applied at once and audited (what changed, never
// a secret's value); and a test of a route's link with settings not yet saved. Admin only.
import type { CarrierRouteInput, CarrierRouteView, carrierConfigRequests, CarrierStatus, LinkTestResult } from '../../../shared/protocol/index.js';
import { SECRET_FIELDS } from '../../../shared/protocol/index.js';
import type { StationCore } from '../core.js';
import { RightsError, StationError } from '../errors.js';
import { msg, type Message } from '../i18n/text.js';
import { buildCarrier, CarrierRouteConfig, simulator } from '../carriers/from-config.js';
import type { Carrier } from '../carriers/carrier.js';
import type { ClientSession, Handlers } from '../server/control-room.js';
import type { StationConfig } from '../config.js';
import type { CarrierSet } from './carrier-set.js';
import { getPath, joinRoute, type RouteRow, type RouteStore } from './route-store.js';

type CarrierConfigHandlers = Pick<Handlers, keyof typeof carrierConfigRequests>;

export interface CarrierConfig {
  routes: RouteStore;
  set: CarrierSet;
  /** Applies the store's routes to the running station. */
  apply(): Promise<void>;
  /** config.json's simulator settings, for a simulator route's test. */
  simulator: StationConfig['simulator'];
}

const LINK_TEST_MS = 15_000;

/** The first thing a form should say about a route's settings, by field. */
function requiredField(route: Record<string, unknown>): { field: string; message: Message } | null {
  const need = (path: string) => {
    const v = getPath(route, path);
    return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? { field: path, message: msg('carriers.config.required', { field: path }) } : null;
  };
  switch (route.kind) {
    case 'smpp':
      return need('host') ?? need('systemId');
    case 'http':
      return need('send.url');
    case 'modem': {
      const missing = need('path');
      if (missing) return missing;
      const pin = getPath(route, 'pin');
      return typeof pin === 'string' && !/^\d{4,8}$/.test(pin) ? { field: 'pin', message: msg('carriers.config.pin') } : null;
    }
    default:
      return null;
  }
}

export function carrierConfigHandlers(core: StationCore, cc: CarrierConfig): CarrierConfigHandlers {
  const { store } = core;
  const actorOf = (s: ClientSession) => ({ userId: s.user!.id, name: s.user!.login });
  const requireAdmin = (s: ClientSession, what: string) => {
    if (s.user!.role === 'admin') return;
    store.audit.record(actorOf(s), 'admin.refused', what);
    throw new RightsError(msg('admin.carriersOnly'));
  };
  const fixed = () => cc.set.fixedIds();
  const editable = (id: string) => {
    if (fixed().has(id)) throw new StationError('bad_request', msg('carriers.config.fixed', { id }), 'id');
    const row = cc.routes.get(id);
    if (!row) throw new StationError('not_found', msg('carriers.config.unknown', { id }), 'id');
    return row;
  };
  const statusOf = (id: string): CarrierStatus | null => core.router.status(id) ?? null;
  const view = (row: RouteRow): CarrierRouteView => ({
    id: row.id,
    kind: row.kind,
    name: row.name,
    enabled: row.enabled,
    position: row.position,
    operators: row.operators,
    rateLimit: row.rateLimit,
    settings: row.settings,
    secrets: Object.fromEntries(SECRET_FIELDS[row.kind].map((p) => [p, typeof row.secrets[p] === 'string' && row.secrets[p] !== ''])),
    source: row.source,
    fixed: false,
    status: statusOf(row.id),
  });
  const list = () => {
    const given: CarrierRouteView[] = core.router
      .list()
      .filter((c) => fixed().has(c.id))
      .map((c, i) => ({
        id: c.id,
        kind: c.kind,
        name: c.status().name,
        enabled: true,
        position: i + 1,
        operators: [],
        rateLimit: null,
        settings: {},
        secrets: {},
        source: 'config' as const,
        fixed: true,
        status: statusOf(c.id),
      }));
    return { routes: [...given, ...cc.routes.list().map(view)] };
  };

  /** The input made into a row: secrets kept, replaced or cleared, checked as config.json would be. */
  const rowOf = (input: ReturnType<typeof CarrierRouteInputOut>, before: RouteRow | undefined, id: string): RouteRow => {
    const secrets = { ...(before?.kind === input.kind ? before.secrets : {}) };
    for (const [path, value] of Object.entries(input.secrets)) {
      if (!SECRET_FIELDS[input.kind].includes(path)) throw new StationError('bad_request', msg('carriers.config.notSecret', { field: path }), `secrets.${path}`);
      if (value === null || value === '') delete secrets[path];
      else secrets[path] = value;
    }
    const row: RouteRow = {
      id,
      kind: input.kind,
      name: input.name,
      settings: input.settings,
      secrets,
      position: before?.position ?? Math.max(0, ...cc.routes.list().map((r) => r.position)) + 1,
      enabled: input.enabled,
      operators: input.operators,
      rateLimit: input.rateLimit,
      source: before?.source ?? 'screen',
    };
    if (row.kind !== 'simulator') {
      const full = joinRoute(row);
      const missing = requiredField(full);
      if (missing) throw new StationError('bad_request', missing.message, missing.field);
      const parsed = CarrierRouteConfig.safeParse(full);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = issue.path.join('.');
        throw new StationError('bad_request', msg('carriers.config.invalid', { field, issue: issue.message }), field);
      }
    }
    return row;
  };
  const changedFields = (before: RouteRow, after: RouteRow) => {
    const keys = new Set([...Object.keys(before.settings), ...Object.keys(after.settings)]);
    const settings = [...keys].filter((k) => JSON.stringify(before.settings[k]) !== JSON.stringify(after.settings[k]));
    const secrets = SECRET_FIELDS[after.kind].filter((p) => before.secrets[p] !== after.secrets[p]);
    return {
      ...(before.name !== after.name ? { name: { before: before.name, after: after.name } } : {}),
      ...(before.enabled !== after.enabled ? { enabled: after.enabled } : {}),
      ...(JSON.stringify(before.operators) !== JSON.stringify(after.operators) ? { operators: { before: before.operators, after: after.operators } } : {}),
      ...(before.rateLimit !== after.rateLimit ? { rateLimit: { before: before.rateLimit, after: after.rateLimit } } : {}),
      ...(settings.length > 0 ? { settings: Object.fromEntries(settings.map((k) => [k, { before: before.settings[k] ?? null, after: after.settings[k] ?? null }])) } : {}),
      // Which secrets changed, never their values.
      ...(secrets.length > 0 ? { secretsChanged: secrets } : {}),
    };
  };

  return {
    'carriers.routes'(session) {
      requireAdmin(session, 'carriers.routes');
      return list();
    },
    async 'carriers.saveRoute'(session, { id, route }) {
      requireAdmin(session, 'carriers.saveRoute');
      const input = CarrierRouteInputOut(route);
      const before = id !== undefined ? editable(id) : undefined;
      const newId = id ?? cc.routes.freeId(input.kind);
      const row = rowOf(input, before, newId);
      store.db.transaction(() => {
        cc.routes.save(row);
        if (before) store.audit.record(actorOf(session), 'carrier.update', `carrier:${newId}`, { name: row.name, kind: row.kind, changed: changedFields(before, row) });
        else
          store.audit.record(actorOf(session), 'carrier.create', `carrier:${newId}`, {
            name: row.name,
            kind: row.kind,
            settings: row.settings,
            secretsSet: Object.keys(row.secrets),
            operators: row.operators,
            rateLimit: row.rateLimit,
          });
      })();
      await cc.apply();
      return { ...list(), id: newId };
    },
    async 'carriers.removeRoute'(session, { id }) {
      requireAdmin(session, 'carriers.removeRoute');
      const row = editable(id);
      store.db.transaction(() => {
        cc.routes.remove(id);
        store.audit.record(actorOf(session), 'carrier.remove', `carrier:${id}`, { name: row.name, kind: row.kind });
      })();
      await cc.apply();
      return list();
    },
    async 'carriers.enableRoute'(session, { id, enabled }) {
      requireAdmin(session, 'carriers.enableRoute');
      const row = editable(id);
      if (row.enabled !== enabled) {
        store.db.transaction(() => {
          cc.routes.setEnabled(id, enabled);
          store.audit.record(actorOf(session), enabled ? 'carrier.enable' : 'carrier.disable', `carrier:${id}`, { name: row.name });
        })();
        await cc.apply();
      }
      return list();
    },
    async 'carriers.reorderRoutes'(session, { ids }) {
      requireAdmin(session, 'carriers.reorderRoutes');
      const rows = cc.routes.list();
      if (ids.length !== rows.length || !rows.every((r) => ids.includes(r.id))) {
        throw new StationError('bad_request', msg('carriers.config.reorderMismatch'), 'ids');
      }
      store.db.transaction(() => {
        cc.routes.reorder(ids);
        store.audit.record(actorOf(session), 'carrier.reorder', 'carriers', {
          before: rows.map((r) => r.id),
          after: ids,
        });
      })();
      await cc.apply();
      return list();
    },
    async 'carriers.testLink'(session, { id, route }) {
      requireAdmin(session, 'carriers.testLink');
      const input = CarrierRouteInputOut(route);
      const before = id !== undefined ? cc.routes.get(id) : undefined;
      // Under an id of its own: the running route of that name is not disturbed.
      const row = rowOf({ ...input, enabled: true }, before, `${id ?? input.kind}-test-${Date.now().toString(36)}`);
      const carrier = row.kind === 'simulator' ? simulator(cc.simulator, { id: row.id, name: row.name }) : buildCarrier(joinRoute(row));
      const result = await testLink(carrier, LINK_TEST_MS);
      store.audit.record(actorOf(session), 'carrier.test-link', `carrier:${id ?? 'new'}`, { kind: row.kind, name: row.name, ok: result.ok, state: result.state, detail: result.detail });
      return result;
    },
  };
}

/** The input with its defaults applied (the handler gets the schema's output). */
function CarrierRouteInputOut(route: CarrierRouteInput) {
  return route as Required<Pick<CarrierRouteInput, 'kind' | 'name'>> & {
    enabled: boolean;
    operators: string[];
    rateLimit: number | null;
    settings: Record<string, unknown>;
    secrets: Record<string, string | null>;
  };
}

/** Starts the carrier on its own, watches its states until it is up or says why not, stops it. */
export async function testLink(carrier: Carrier, timeoutMs: number): Promise<LinkTestResult> {
  const started = Date.now();
  const steps: LinkTestResult['steps'] = [];
  let last: CarrierStatus = carrier.status();
  let done = false;
  const settled = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    void carrier.start({
      inbound: async () => undefined,
      report: () => undefined,
      status: (s) => {
        // What it says while it is being stopped is not part of the test.
        if (done) return;
        last = s;
        const prev = steps[steps.length - 1];
        if (!prev || prev.state !== s.state || prev.detail !== s.detail) steps.push({ ms: Date.now() - started, state: s.state, detail: s.detail });
        if (s.state === 'up' || s.state === 'down' || s.state === 'degraded') {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await settled;
  done = true;
  const outcome = last;
  await carrier.stop().catch(() => undefined);
  return { ok: outcome.state === 'up', state: outcome.state, detail: outcome.detail, steps, tookMs: Date.now() - started };
}
