// Between the ws client and the store: what happens on (re)connect, the commands components
// call, and the event pump. Components get it from StationContext so tests can hand in a fake.
import type { ConfirmAlert, Locale, MessageView, PreviewResult, RequestName, RequestParams, RequestResult, SendRequest, SendResult, TallyChange } from '../../shared/protocol/index.js';
import { readToken, writeToken } from '../features/login/session-token.js';
import { keepDrafts } from '../features/compose/draft-keeper.js';
import { StationClient, StationError, type StationClientOptions, type StationEvent } from './station-client.js';
import { useAppStore } from './store.js';
import { translator } from './i18n/index.js';

export interface StationCommands {
  login(login: string, password: string): Promise<void>;
  logout(): Promise<void>;
  preview(request: SendRequest): Promise<PreviewResult>;
  send(request: SendRequest): Promise<SendResult>;
  retryNow(): void;
  /** Any other request of the protocol (feature screens: tallies, rights, audit). */
  request?<K extends RequestName>(method: K, params: RequestParams<K>): Promise<RequestResult<K>>;
}

type Store = typeof useAppStore;

/**
 * Run fn on an animation frame, at most once per `minGapMs`: at 100 replies a second the store
 * then updates ten times a second, not sixty, and each update (a new id list, the virtualiser's
 * offsets for the whole feed) is paid for ten times, not sixty. A hidden tab gets no frames; the
 * feed must still be current when the dispatcher returns, so there it runs without one.
 */
export function batchScheduler(minGapMs = 100): (fn: () => void) => void {
  let queued = false;
  let last = 0;
  return (fn) => {
    if (queued) return;
    queued = true;
    const run = () => {
      queued = false;
      last = Date.now();
      fn();
    };
    const onFrame = () => {
      if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) {
        requestAnimationFrame(run);
      } else {
        run();
      }
    };
    const wait = last + minGapMs - Date.now();
    if (wait > 0) setTimeout(onFrame, wait);
    else onFrame();
  };
}

export interface BridgeOptions extends Omit<StationClientOptions, 'onState' | 'onOpen' | 'onEvent' | 'onProtocolError'> {
  store?: Store;
  /** How event batches are scheduled; tests pass one that runs at once. */
  schedule?: (fn: () => void) => void;
  /** Told of each batch's new messages after the store has them (sound, notification). */
  onCreated?: (created: readonly MessageView[]) => void;
}

export class StationBridge implements StationCommands {
  readonly client: StationClient;
  private readonly store: Store;
  private readonly schedule: (fn: () => void) => void;
  private readonly onCreated: ((created: readonly MessageView[]) => void) | undefined;
  private inbox: StationEvent[] = [];
  private unwatchLocale: (() => void) | undefined;
  private unwatchDrafts: (() => void) | undefined;

  constructor(options: BridgeOptions) {
    const { store = useAppStore, schedule = batchScheduler(), onCreated, ...clientOptions } = options;
    this.store = store;
    this.schedule = schedule;
    this.onCreated = onCreated;
    this.client = new StationClient({
      ...clientOptions,
      onState: (link, retryAt) => this.store.getState().linkChanged(link, retryAt),
      onOpen: () => void this.onOpen(),
      onEvent: (event) => this.enqueue(event),
      onProtocolError: (problem) => {
        console.warn('[station protocol]', problem);
        this.store.getState().protocolProblem(problem);
      },
    });
  }

  start(): void {
    // The station answers in the desk's language: it goes with login and resume, and again when it
    // changes (the header's switch, or the user's own locale adopted after login).
    this.unwatchLocale ??= this.store.subscribe((state, prev) => {
      if (state.prefs.locale === prev.prefs.locale || !this.client.isOpen) return;
      this.client.request('session.locale', { locale: state.prefs.locale }).then(
        // A tally's refusals (whom an escalation step left out, and why) are told in the language it
        // was fetched in: fetch those this desk holds again, in the new one.
        () => {
          for (const id of Object.keys(this.store.getState().dispatch.tallies)) {
            this.client.request('broadcast.tally', { broadcastId: Number(id) }).then(
              (t) => this.store.getState().talliesReceived([t]),
              () => undefined,
            );
          }
        },
        () => undefined,
      );
    });
    this.unwatchDrafts ??= keepDrafts(this.store);
    this.client.start();
  }

  stop(): void {
    this.unwatchLocale?.();
    this.unwatchLocale = undefined;
    this.unwatchDrafts?.();
    this.unwatchDrafts = undefined;
    this.client.stop();
  }

  retryNow(): void {
    this.client.retryNow();
  }

  async login(login: string, password: string): Promise<void> {
    const s = this.store.getState();
    s.signingIn();
    try {
      const session = await this.client.request('login', { login, password, locale: s.prefs.locale });
      writeToken(session.token);
      this.store.getState().adoptUserLocale(session.user.locale);
      await this.loadSnapshot();
      this.store.getState().signedIn(session.user);
    } catch (error) {
      this.store.getState().signedOut(messageOf(error));
    }
  }

  async logout(): Promise<void> {
    try {
      if (this.client.isOpen) await this.client.request('logout', {});
    } catch {
      /* Signing out locally is what matters; the station expires the token anyway. */
    }
    writeToken(null);
    // Signed out first: the draft keeper keeps what was typed, not the cleared screen.
    this.store.getState().signedOut();
    this.store.getState().clearStationData();
  }

  preview(request: SendRequest): Promise<PreviewResult> {
    return this.client.request('preview', request);
  }

  send(request: SendRequest): Promise<SendResult> {
    return this.client.request('send', request);
  }

  request<K extends RequestName>(method: K, params: RequestParams<K>): Promise<RequestResult<K>> {
    return this.client.request(method, params);
  }

  /** Every (re)connect: resume the session if we have a token, then take a fresh snapshot. */
  private async onOpen(): Promise<void> {
    this.store.getState().protocolProblem(null);
    const token = readToken();
    if (!token) {
      this.store.getState().signedOut();
      return;
    }
    try {
      const session = await this.client.request('resume', { token, locale: this.store.getState().prefs.locale });
      await this.loadSnapshot();
      this.store.getState().signedIn(session.user);
    } catch (error) {
      if (error instanceof StationError && error.code === 'disconnected') return; // The next open retries.
      writeToken(null);
      this.store.getState().signedOut(error instanceof StationError && error.code === 'unauthenticated' ? null : messageOf(error));
      this.store.getState().clearStationData();
    }
  }

  private async loadSnapshot(): Promise<void> {
    // Events that arrived before the snapshot are older than it: drop them.
    const snapshot = await this.client.request('snapshot', {});
    this.inbox = [];
    this.store.getState().snapshotLoaded(snapshot);
  }

  private enqueue(event: StationEvent): void {
    this.inbox.push(event);
    this.schedule(() => this.flush());
  }

  /** Apply everything that arrived since the last frame in one store update per slice. */
  flush(): void {
    const batch = this.inbox;
    if (batch.length === 0) return;
    this.inbox = [];
    const messages: MessageView[] = [];
    const created: MessageView[] = [];
    const broadcasts = [];
    const tallyChanges: TallyChange[] = [];
    const alerts: ConfirmAlert[] = [];
    const s = this.store.getState();
    for (const e of batch) {
      switch (e.event) {
        case 'message.created':
          created.push(e.data);
          messages.push(e.data);
          break;
        case 'message.updated':
          messages.push(e.data);
          break;
        case 'broadcast.progress':
          broadcasts.push(e.data);
          break;
        case 'carrier.status':
          s.carrierChanged(e.data);
          break;
        case 'station.store':
          s.storeChanged(e.data);
          break;
        case 'tally.changed':
          tallyChanges.push(e.data);
          break;
        case 'confirm.alert':
          alerts.push(e.data);
          break;
        case 'history.export.progress':
          s.exportProgressed(e.data);
          break;
        case 'billing.quota':
          s.quotaRaised(e.data);
          break;
        case 'directory.changed':
          s.directoryChanged(e.data);
          break;
        case 'carriers.changed':
          s.carriersLoaded(e.data);
          break;
        case 'plans.changed':
          s.plansLoaded(e.data.plans);
          break;
        case 'rosters.changed':
          s.rostersChanged();
          break;
        case 'plans.calls':
          s.callsChanged(e.data.broadcastId, e.data.calls);
          break;
      }
    }
    // Broadcasts first: a reply's tag streams include its broadcast's tags.
    s.broadcastsChanged(broadcasts);
    s.feedReceived(messages);
    // A tally this desk shows is fetched whole again only when a change says so (a step ran, it
    // closed) or does not add up: on request, never pushed with every reply.
    for (const id of s.tallyChanged(tallyChanges)) {
      this.client.request('broadcast.tally', { broadcastId: id }).then(
        (t) => this.store.getState().talliesReceived([t]),
        () => undefined,
      );
    }
    s.alertsReceived(alerts);
    if (created.length > 0) this.onCreated?.(created);
  }
}

/**
 * What went wrong, in the desk's language: the station already says its own errors in it; the
 * link's own troubles (no connection, no answer, a reply this version cannot read) are ours to say.
 */
export function messageOf(error: unknown, locale: Locale = useAppStore.getState().prefs.locale): string {
  if (error instanceof StationError && (error.code === 'disconnected' || error.code === 'timeout' || error.code === 'protocol')) {
    return translator(locale)(`error.${error.code}`);
  }
  return error instanceof Error ? error.message : String(error);
}
