// The station's side of the control-room protocol: one handler per request in
// shared/protocol, typed from the same map, so a renamed request fails to compile.
import type { z } from 'zod';
import { requests, type Locale, type RequestName, type RequestResult, type UserView } from '../../../shared/protocol/index.js';
import type { StationCore } from '../core.js';
import { StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import { sayRefusals } from '../i18n/refusals.js';
import { dispatchHandlers } from './dispatch-handlers.js';
import { integrationHandlers } from '../integrations/admin-handlers.js';
import { carrierHandlers } from './carrier-handlers.js';
import { templateHandlers } from './template-handlers.js';
import { historyWsHandlers } from './history-wire.js';
import { adminHandlers } from './admin-handlers.js';
import { planHandlers } from '../plans/handlers.js';
import { sendCheck } from '../send-check/handlers.js';
import { LoginGuard } from '../auth/login-guard.js';
import { readScopeOf, seesBroadcast, seesContact, seesMessage } from '../auth/read-scope.js';
import { DownloadTickets } from '../auth/download-tickets.js';
import { securityHandlers } from './security-handlers.js';
import { hashToken } from '../store/users.js';
import { directoryHandlers } from '../directory/handlers.js';
import { carrierConfigHandlers } from '../carrier-config/handlers.js';
import { doorConfigHandlers } from '../door-config/handlers.js';

export interface ClientSession {
  user: UserView | null;
  token: string | null;
  /** SHA-256 of the token, as the store keeps it: what ending a session is matched by. */
  tokenHash: string | null;
  /** A login of this socket is being checked: a second one waits for its answer. */
  loginPending: boolean;
  /** When the session expires unless used (the ws server checks again then). */
  expiresAt: number;
  /** Remote address, for the audit log. */
  address: string;
  /** The language errors and refusal reasons are told in: what the client last asked for, else English. */
  locale: Locale;
}

type Params<K extends RequestName> = z.output<(typeof requests)[K]['params']>;
export type Handlers = {
  [K in RequestName]: (session: ClientSession, params: Params<K>) => Promise<RequestResult<K>> | RequestResult<K>;
};

/** Requests a client may make before it has logged in. */
// `session.locale` too: the login screen's own language switch applies to the login error.
export const PUBLIC_REQUESTS: ReadonlySet<RequestName> = new Set(['login', 'resume', 'session.locale']);

export interface ControlRoomOptions {
  logins?: LoginGuard;
  tickets?: DownloadTickets;
}

export function controlRoomHandlers(core: StationCore, options: ControlRoomOptions = {}): Handlers {
  const { store } = core;
  const check = sendCheck(core);
  const logins = options.logins ?? new LoginGuard(store);
  const tickets = options.tickets ?? new DownloadTickets();
  const actorOf = (s: ClientSession) => {
    const user = s.user!;
    return { userId: user.id, name: user.login, role: user.role };
  };
  return {
    async login(session, { login, password, locale }) {
      // Before the check, so a wrong password is already answered in the client's language.
      if (locale) session.locale = locale;
      if (session.loginPending) throw new StationError('rate_limited', msg('login.oneAtATime'));
      session.loginPending = true;
      let user: UserView;
      try {
        user = await logins.login({ login, password, address: session.address, door: `ws:${session.address}` });
      } finally {
        session.loginPending = false;
      }
      const token = store.users.openSession(user.id);
      store.audit.record({ userId: user.id, name: user.login }, 'login', `ws:${session.address}`);
      session.user = user;
      session.token = token;
      session.tokenHash = hashToken(token);
      return { token, user };
    },
    resume(session, { token, locale }) {
      if (locale) session.locale = locale;
      const user = store.users.resumeSession(token);
      if (!user) throw new StationError('unauthenticated', msg('session.expired'));
      session.user = user;
      session.token = token;
      session.tokenHash = hashToken(token);
      return { token, user };
    },
    'session.locale'(session, { locale }) {
      session.locale = locale;
      return { locale };
    },
    logout(session) {
      const token = session.token;
      // This socket stays open for the next login; every other socket of the session closes.
      session.user = null;
      session.token = null;
      session.tokenHash = null;
      if (token) store.users.closeSession(token, 'logout');
      return {};
    },
    snapshot(session) {
      // A user limited to some people sees them and their traffic (auth/read-scope.ts).
      const scope = readScopeOf(store.db, session.user!);
      const contacts = store.contacts.all();
      const broadcasts = store.broadcasts.recent(50);
      const feed = store.messages.feed(200);
      return {
        version: core.version,
        user: session.user!,
        groups: store.groups.tree(),
        contacts: scope.all ? contacts : contacts.filter((c) => seesContact(scope, c.id)),
        tags: store.tags.all(),
        broadcasts: scope.all ? broadcasts : broadcasts.filter((b) => b.authorId === scope.userId || seesBroadcast(store.db, scope, b.id)),
        feed: scope.all ? feed : feed.filter((m) => seesMessage(store.db, scope, m)),
        // The effective states (health/): what routing uses, with the reason and SMS in doubt.
        carriers: core.router.statuses(),
        store: { state: store.writes.state.state, reason: store.writes.state.reason, since: store.writes.state.since },
      };
    },
    preview(session, params) {
      const preview = core.dispatcher.preview(actorOf(session), { ...params, source: 'ui' });
      return { ...preview, refused: sayRefusals(preview.refused, session.locale), ...check.previewFields(preview.smsTotal, session.locale) };
    },
    async send(session, params) {
      // A send to many thousands answers once it is committed; the board shows it preparing meanwhile.
      const sent = await core.dispatcher.sendAndWait(actorOf(session), { ...params, source: 'ui' });
      check.sent();
      return { ...sent, refused: sayRefusals(sent.refused, session.locale) };
    },
    ...dispatchHandlers(core),
    ...integrationHandlers(core),
    ...carrierHandlers(core),
    ...templateHandlers(core),
    ...historyWsHandlers(core, core.history),
    ...adminHandlers(core),
    ...planHandlers(core),
    ...check.handlers,
    ...securityHandlers(core, logins.throttle, tickets),
    ...directoryHandlers(core),
    ...carrierConfigHandlers(core, core.carrierConfig),
    ...doorConfigHandlers(core),
  };
}
