// createStation(): the product's heart, under plain Node (CLI, tests, a headless server) or
// inside Electron's main process. It never imports electron.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Health, MessageView, StoreStatus, TallyChange } from '../../shared/protocol/index.js';
import type { StoreState } from './store/write-health.js';
import { Supervisor } from './resilience/supervisor.js';
import { loadConfig, type StationConfig, type StationConfigInput } from './config.js';
import { createLogger, type Logger } from './log.js';
import { Store } from './store/store.js';
import { StationEvents } from './events.js';
import { CarrierRouter } from './carriers/router.js';
import { carrierStart } from './carrier-config/index.js';
import { OperatorTableConfig } from './carriers/operator-table.js';
import { DEFAULT_THRESHOLDS, type HealthThresholds } from './carriers/health/lane-health.js';
import { callbackListener, HttpCarrier } from './carriers/http/index.js';
import { ConfigError } from './config.js';
import { StationError } from './errors.js';
import { msg } from './i18n/text.js';
import type { Carrier, CarrierSink } from './carriers/carrier.js';
import type { Dispatcher } from './dispatch/dispatch.js';
import { WritableDispatcher } from './dispatch/writable-dispatcher.js';
import { Outbox } from './dispatch/outbox.js';
import { Inbound } from './inbound/inbound.js';
import { Escalator } from './dispatch/escalation.js';
import { systemClock, type Clock } from './clock.js';
import { ProgressPublisher } from './progress.js';
import { isEmpty, seedDemo } from './demo.js';
import { generatePassword } from './auth/passwords.js';
import { VERSION, appRoot } from './version.js';
import type { StationCore } from './core.js';
import { HttpRoutes, sendJson } from './server/http-routes.js';
import { createStationServer } from './server/http-server.js';
import { OriginPolicy } from './server/origin-policy.js';
import { isLoopback, loadTls, type TlsMaterial } from './server/tls.js';
import { secureDataFolder } from './secrets/data-folder.js';
import { openConfigSecrets, sealConfigFile } from './secrets/config-secrets.js';
import { useKeyWrap, type KeyWrap } from './secrets/key-wrap.js';
import { keyFileSealer } from './carrier-config/sealed.js';
import { SYSTEM_ACTOR } from './store/audit.js';
import { BUILT_IN_SETTINGS, SettingsRepository } from './store/settings.js';
import { historyHandlers } from './history/handlers.js';
import { FtsIndexer } from './history/fts-indexer.js';
import { QuotaWatch } from './billing/quota-watch.js';
import { WalCheckpointer } from './store/checkpointer.js';
import { mountControlRoom } from './server/mount.js';
import { mountUploadRoutes } from './server/upload-routes.js';
import { mountIntegrations } from './integrations/index.js';
import { mountPlans } from './plans/index.js';

export type { StationConfig, StationConfigInput } from './config.js';

export interface Station {
  readonly url: string;
  readonly port: number;
  readonly config: StationConfig;
  readonly core: StationCore;
  readonly routes: HttpRoutes;
  /** Set only on the first start of an empty data folder: the `admin` password, to show once. */
  readonly initialAdminPassword: string | null;
  /** The certificate served when TLS is on (its fingerprint is what other desks check). */
  readonly tls: Pick<TlsMaterial, 'fingerprint' | 'certFile' | 'selfSigned' | 'names'> | null;
  /** Listening beyond loopback: other machines can reach the station. */
  readonly exposed: boolean;
  /** Listens to every reply as it is stored (the Electron shell shows an OS notification). */
  onInbound(listener: (message: MessageView) => void): () => void;
  stop(): Promise<void>;
}

export interface StationOptions extends Partial<Omit<StationConfigInput, 'carriers'>> {
  dataDir: string;
  /** Carriers to run instead of the configured ones (tests, benches). */
  carriers?: Carrier[];
  /** Time for the escalation clock; tests pass a fake one. */
  clock?: Clock;
  /** The OS keychain protecting the data folder's key, when the desktop shell runs the station. */
  keyWrap?: KeyWrap;
}

export async function createStation(options: StationOptions): Promise<Station> {
  const { carriers: extraCarriers, clock, keyWrap, ...explicit } = options;
  useKeyWrap(keyWrap ?? null);
  const tightened = secureDataFolder(explicit.dataDir);
  // Plain passwords in config.json are sealed in the file on first read (docs/security.md).
  const sealer = keyFileSealer(explicit.dataDir);
  const sealing = sealConfigFile(explicit.dataDir, sealer);
  const config = loadConfig(explicit, process.env, (fromFile) => openConfigSecrets(fromFile, sealer));
  const log = createLogger(config.dataDir, config.logLevel);
  const store = Store.open(join(config.dataDir, 'switchboard.db'));
  if (tightened.length > 0) log.warn({ tightened }, 'data folder was readable by others; made private to the station user');
  if (sealing.sealed > 0) log.info({ sealed: sealing.sealed }, 'passwords in config.json encrypted at rest');
  if (sealing.error) log.warn({ error: sealing.error }, 'config.json holds passwords in clear and cannot be rewritten; they are used as they are');
  try {
    return await assemble(config, log, store, extraCarriers ?? [], clock ?? systemClock);
  } catch (err) {
    store.close();
    throw err;
  }
}

async function assemble(
  config: StationConfig,
  log: ReturnType<typeof createLogger>,
  store: Store,
  extra: Carrier[],
  clock: Clock,
): Promise<Station> {
  // Checkpoints from a thread of their own, so no commit pauses to copy the WAL (store/checkpointer.ts).
  const checkpoints = WalCheckpointer.start(store.db);
  // The full-text index in batches, off the send path; it first catches up on what a crash left.
  const ftsIndexer = new FtsIndexer(store.db, {
    writable: () => store.writes.writable,
    trouble: (err) => {
      if (!store.writes.failed(err)) log.error({ err }, 'messages could not be added to the full-text index; trying again');
    },
  });
  ftsIndexer.start();
  let initialAdminPassword: string | null = null;
  // A full disk must not keep the station from starting (read-only); these wait for a writable one.
  await startupWrite(store, log, 'first admin', async () => {
    if (store.users.count() > 0) return;
    const password = generatePassword();
    await store.users.create({ login: 'admin', name: 'Administrator', role: 'admin', password });
    store.audit.record(SYSTEM_ACTOR, 'user.create', 'user:admin', { reason: 'first start' });
    initialAdminPassword = password;
  });
  if (config.demo && isEmpty(store)) {
    await startupWrite(store, log, 'demo organisation', () => {
      const n = seedDemo(store);
      log.info({ employees: n }, 'demo organisation created');
    });
  }

  const events = new StationEvents((err, event) => log.error({ err, event }, 'a listener of a station event failed; the others heard it'));
  const supervisor = new Supervisor(log);
  // What the admin stores wins over config.json; both are read where they apply, on each use.
  const settings = new SettingsRepository(store.db, {
    ...BUILT_IN_SETTINGS,
    replyWindowHours: config.replyWindowHours,
    ...(config.outbox.moveAfterMs ? { alertMoveSeconds: config.outbox.moveAfterMs.high / 1000, moveSeconds: config.outbox.moveAfterMs.normal / 1000 } : {}),
    ...(config.outbox.inDoubtGraceMs ? { inDoubtGraceSeconds: config.outbox.inDoubtGraceMs / 1000 } : {}),
  });
  // The outbox's move bounds and in-doubt grace: config.json seeds them, the settings screen changes them.
  const outboxTuning = () => ({
    moveAfterMs: { high: settings.get('alertMoveSeconds') * 1000, normal: settings.get('moveSeconds') * 1000 },
    inDoubtGraceMs: settings.get('inDoubtGraceSeconds') * 1000,
  });
  store.users.sessionTtlMs = () => settings.get('sessionHours') * 3_600_000;
  // Each month's 80% and 100% of the plan's included SMS are announced once, when traffic crosses them.
  const quota = new QuotaWatch(store.db, (alarm) => events.emit('billing.quota', alarm), (err) => log.warn({ err }, 'quota check failed'));
  // The store's routes (config.json seeds them; the carriers screen edits them), or those given.
  const carrierSetup = carrierStart(config, store, extra);
  const router = new CarrierRouter(carrierSetup.routes, {
    ...(config.operators === undefined ? {} : { operators: operatorTable(config.operators) }),
    health: healthThresholds(config.outbox.health),
  });
  const carriers = router.list();
  const progress = new ProgressPublisher(store, events, undefined, (err) => log.warn({ err }, 'message changes could not be read for the desks; trying again'));
  // Inbound answers feed the escalation clock and send subscription receipts through the
  // dispatcher; both are made below, so the inbound listener reaches them late.
  let escalator: Escalator | null = null;
  let dispatcherRef: Dispatcher | null = null;
  // Tallies travel as changes (who answered what, the figures); the whole tally only on request.
  const publishTally = (change: TallyChange) => events.emit('tally.changed', change);
  const inbound = new Inbound(store, {
    received: (id) => progress.messagesCreated([id]),
    statusChanged: (id) => progress.messagesChanged([id]),
    answered: (changes) => {
      escalator?.answered(changes);
      for (const c of changes) publishTally(c);
    },
    subscriptionReply: (phone, text) => {
      const system = { userId: null, name: 'system', role: 'system' as const };
      dispatcherRef?.send(system, { text, phones: [phone], groups: [], contacts: [], tags: [], kind: 'plain', source: 'system', priority: 'high' });
    },
    trouble: (what, err) => log.error({ err }, `inbound: ${what} failed after the SMS was stored`),
  }, {
    // Getters, so a window changed in the admin screen applies to the next reply.
    get replyWindowMs() {
      return settings.get('replyWindowHours') * 3_600_000;
    },
    get questionWindowMs() {
      return settings.get('questionWindowHours') * 3_600_000;
    },
  });
  const outbox = new Outbox(store.outbox, router, {
    changed: (ids) => {
      progress.messagesChanged(ids);
      quota.poke();
    },
    recorded: (sent) => inbound.retryEarlyReports(sent),
    trouble: (what, err) => (store.writes.failed(err) ? log.warn({ err }, `${what}: the store is read-only`) : log.error({ err }, what)),
  }, {
    writable: () => store.writes.writable,
    ...(config.outbox.batchSize ? { batchSize: config.outbox.batchSize } : {}),
    ...(config.outbox.retryBaseMs ? { retryBaseMs: config.outbox.retryBaseMs } : {}),
    ...(config.outbox.maxRetryDelayMs ? { maxRetryDelayMs: config.outbox.maxRetryDelayMs } : {}),
    rateLimits: carrierSetup.rateLimits,
    ...outboxTuning(),
  });
  settings.onChange(() => outbox.tune(outboxTuning()));
  const dispatcher = new WritableDispatcher(store, {
    committed: (broadcastId, _messageIds, known) => {
      progress.touch(broadcastId);
      if (known?.confirm !== false) escalator?.committed(broadcastId);
      outbox.wake();
      quota.poke();
    },
    progress: (broadcastId) => progress.touch(broadcastId),
    queued: () => outbox.wake(),
    trouble: (err) => log.warn({ err }, 'a large send could not move on; trying again'),
    afterCommitFailed: (err) => log.error({ err }, 'a committed send could not wake the outbox or the desks'),
    cancelled: (broadcastId, _queued, claimed, reason) => {
      // Claimed SMS still waiting for a carrier's rate slot are called back as well.
      const calledBack = claimed.length > 0 ? outbox.callBack(claimed, reason) : 0;
      progress.touch(broadcastId);
      const counts = inbound.answers.countsOf(broadcastId);
      if (counts) publishTally({ broadcastId, counts, closed: true, resync: true });
      return calledBack;
    },
    rescheduled: (broadcastId) => {
      progress.touch(broadcastId);
      outbox.wake();
      escalator?.check();
    },
  });
  // A group commit of REST sends also records the outbox's answers, claims the free places (its
  // own new messages among them) and writes the audit lines queued meanwhile: one commit a turn.
  dispatcher.rideAlong(() => outbox.ride());
  dispatcher.rideAlong(() => store.audit.ride());
  store.audit.rideWith(() => dispatcher.grouping);
  outbox.rideWith(() => dispatcher.grouping);
  dispatcherRef = dispatcher;
  escalator = new Escalator(store, dispatcher, clock, {
    alert: (a) => events.emit('confirm.alert', a),
    changed: publishTally,
    trouble: (what, err) => log.warn({ err }, what),
  });
  const history = historyHandlers({
    db: store.db,
    dataDir: config.dataDir,
    emitExportProgress: (p) => events.emit('history.export.progress', p),
    fileLimits: config.server.uploads,
  });
  const carrierConfig = carrierSetup.connect({ router, setRateLimit: (id, perSecond) => outbox.setRateLimit(id, perSecond), events });
  const core: StationCore = { version: VERSION, log, store, events, router, dispatcher, outbox, inbound, progress, escalator, clock, settings, history, supervisor, carrierConfig };

  const plans = mountPlans(core);

  // What was in flight at the last stop goes back to the queue — once the store can write; the
  // outbox claims nothing before that, so those rows are still exactly the old ones.
  store.writes.onChange((s) => events.emit('station.store', storeStatus(s)));
  await startupWrite(store, log, 'queueing again what was in flight', () => {
    const resumed = store.outbox.requeueInflight();
    if (resumed.requeued + resumed.resent + resumed.unresolved > 0) {
      log.warn(resumed, 'messages in flight at the last stop were queued again (in doubt: re-sent once, or failed when in doubt twice)');
    }
  });
  store.writes.onChange((s) => {
    if (s.state === 'ok') outbox.wake();
  });

  // Stored first, acknowledged second: while the store is read-only, carriers hear "try later".
  const stored = <T>(step: () => T): T => {
    store.writes.check();
    return store.writes.write(step);
  };
  const sink: CarrierSink = {
    inbound: async (sms, carrierId) => {
      stored(() => inbound.receive(sms, carrierId));
    },
    report: (report, carrierId) => stored(() => inbound.report(report, carrierId)),
    status: (status) => {
      events.emit('carrier.status', status);
      outbox.wake();
    },
    late: (messageId, answer, carrierId) => outbox.late(messageId, answer, carrierId),
    // A note, not a commit: unrecorded (the store read-only), a redelivery is only dropped as before.
    acknowledged: (carrierId, refs) => {
      if (!store.writes.writable) return;
      try {
        store.messages.markAcknowledged(carrierId, refs, Date.now());
      } catch (err) {
        if (!store.writes.failed(err)) log.warn({ err, carrierId }, 'acknowledged SMS could not be noted');
      }
    },
  };
  // Each carrier under the supervisor: one that cannot start is shown down and tried again.
  await router.start(sink, (name, start) => supervisor.run(name, start));
  outbox.start();
  dispatcher.resume();
  escalator.start();
  plans.calls.start();
  // Reports whose send was recorded some other way, and those held too long, are swept now and then.
  const sweepReports = setInterval(() => {
    try {
      inbound.retryEarlyReports();
    } catch (err) {
      if (!store.writes.failed(err)) log.error({ err }, 'applying early delivery reports failed');
    }
  }, 30_000);
  sweepReports.unref();

  const routes = new HttpRoutes();
  routes.add('GET', '/api/v1/health', ({ res }) => {
    const writes = store.writes.state;
    const body: Health = {
      ok: writes.state === 'ok',
      version: VERSION,
      carriers: router.statuses().map((s) => ({
        id: s.id,
        kind: s.kind,
        state: s.state,
        detail: s.detail,
        inDoubt: s.inDoubt ?? 0,
        resent: s.resent ?? 0,
      })),
      store: { ...storeStatus(writes), detail: writes.detail },
      subsystems: supervisor.statuses().filter((s) => s.state !== 'running' || s.restarts > 0),
    };
    sendJson(res, 200, body);
  });
  const integrations = await mountIntegrations(core, routes, config);
  core.integrations = integrations;
  // HTTP SMS providers post delivery reports and incoming SMS here (docs/carriers.md).
  routes.add('POST', '/api/v1/carriers/:id/callback', async ({ req, res, params }) => {
    const carrier = router.get(params.id!);
    if (!(carrier instanceof HttpCarrier)) throw new StationError('not_found', msg('carriers.noHttpCarrier', { id: params.id ?? '' }));
    await callbackListener(carrier)(req, res);
  });
  const controlRoom = mountControlRoom(core, routes, config.server);
  const rendererDir = config.rendererDir ?? join(appRoot(), 'dist', 'renderer');
  const tls = loadTls(config.server.tls, config.dataDir, config.server.hostnames);
  let port = config.port;
  const policy = new OriginPolicy({
    bindHost: config.host,
    port: () => port,
    tls: tls !== null,
    hostnames: config.server.hostnames,
    allowedOrigins: config.server.allowedOrigins,
  });
  mountUploadRoutes(core, routes, policy, config.server.uploads);
  const server = createStationServer({ routes, policy, log, rendererDir, tls, upgradeWs: (req, socket, head) => controlRoom.upgrade(req, socket, head) });
  await listen(server, config.port, config.host);
  port = (server.address() as AddressInfo).port;
  const url = `${tls ? 'https' : 'http'}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const exposed = !isLoopback(config.host);
  log.info({ url, tls: tls ? { fingerprint: tls.fingerprint, selfSigned: tls.selfSigned } : null, exposed }, 'station ready');

  let stopped = false;
  return {
    url,
    port,
    config,
    core,
    routes,
    initialAdminPassword,
    tls: tls && { fingerprint: tls.fingerprint, certFile: tls.certFile, selfSigned: tls.selfSigned, names: tls.names },
    exposed,
    onInbound(listener) {
      return events.on('message.created', (m) => {
        if (m.direction === 'in') listener(m);
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      supervisor.stop();
      clearInterval(sweepReports);
      controlRoom.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await integrations.stop();
      history.exports.close();
      escalator.stop();
      dispatcher.stop();
      plans.calls.stop();
      await outbox.stop();
      await router.stop();
      progress.stop();
      quota.stop();
      ftsIndexer.stop();
      await checkpoints?.stop();
      store.close();
      log.flush?.();
    },
  };
}

/**
 * A write at start that a read-only store cannot take now: the station starts anyway (read-only,
 * shown on the board and in health) and does it as soon as a probe write succeeds.
 */
async function startupWrite(store: Store, log: Logger, what: string, step: () => unknown): Promise<void> {
  const later = () => {
    log.error({ reason: store.writes.state.reason }, `store read-only at start: ${what} waits for it to write again`);
    const off = store.writes.onChange((s) => {
      if (s.state !== 'ok') return;
      off();
      void startupWrite(store, log, what, step);
    });
  };
  if (!store.writes.writable) return later();
  try {
    await step();
  } catch (err) {
    if (!store.writes.failed(err)) throw err;
    later();
  }
}

function storeStatus(s: StoreState): StoreStatus {
  return { state: s.state, reason: s.reason, since: s.since };
}

function healthThresholds(raw: Record<string, number> | undefined): HealthThresholds {
  const unknown = Object.keys(raw ?? {}).filter((k) => !(k in DEFAULT_THRESHOLDS));
  if (unknown.length > 0) throw new ConfigError(`outbox.health.${unknown[0]} is not a health threshold. Check config.json.`);
  return { ...DEFAULT_THRESHOLDS, ...raw };
}

function operatorTable(raw: unknown): OperatorTableConfig {
  const parsed = OperatorTableConfig.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`operators.${issue.path.join('.')}: ${issue.message}. Check config.json.`);
  }
  return parsed.data;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
