// The station's side of shared/protocol/door-config.ts: the mail doors and webhook endpoints
// changed from the control room, applied at once, audited (what changed, never a password or a
// secret), and tested: a mail through the SMTP door, a login to the IMAP mailbox, a signed test
// delivery to a webhook. Admin only.
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { doorConfigRequests, ImapDoorView, MailDoorsView } from '../../../shared/protocol/index.js';
import type { StationCore } from '../core.js';
import { RightsError, StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import { sign } from '../integrations/webhook-queue.js';
import type { ClientSession, Handlers } from '../server/control-room.js';
import type { ImapDoor, SmtpDoor, WebhookEndpoint } from './door-store.js';

type DoorHandlers = Pick<Handlers, keyof typeof doorConfigRequests>;

const TEST_TIMEOUT_MS = 10_000;

function imapView(imap: ImapDoor): ImapDoorView {
  return {
    enabled: imap.enabled,
    host: imap.host,
    port: imap.port,
    secure: imap.secure,
    user: imap.user,
    passwordSet: imap.password !== '',
    mailbox: imap.mailbox,
    pollSeconds: imap.pollSeconds,
    bounce: imap.bounce
      ? { host: imap.bounce.host, port: imap.bounce.port, secure: imap.bounce.secure, user: imap.bounce.user ?? '', passwordSet: !!imap.bounce.password, from: imap.bounce.from }
      : null,
  };
}

/** What changed between two settings objects, secrets named but never given. */
function changes(before: Record<string, unknown>, after: Record<string, unknown>, secret: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[k]) === JSON.stringify(after[k])) continue;
    out[k] = secret.includes(k) ? 'changed' : { before: before[k] ?? null, after: after[k] ?? null };
  }
  return out;
}

export function doorConfigHandlers(core: StationCore): DoorHandlers {
  const { store } = core;
  const actorOf = (s: ClientSession) => ({ userId: s.user!.id, name: s.user!.login });
  const admin = (s: ClientSession, what: string) => {
    if (s.user!.role !== 'admin') {
      store.audit.record(actorOf(s), 'admin.refused', what);
      throw new RightsError(msg('admin.integrationsOnly'));
    }
    if (!core.integrations) throw new StationError('internal', msg('internal'));
    return core.integrations;
  };
  const view = (): MailDoorsView => {
    const { doors } = core.integrations!;
    return { smtp: publicSmtp(doors.smtp), imap: imapView(doors.imap), listening: doors.smtpPort };
  };
  const publicSmtp = (smtp: SmtpDoor) => ({
    enabled: smtp.enabled,
    host: smtp.host,
    port: smtp.port,
    domains: smtp.domains,
    senders: smtp.senders,
    maxTextChars: smtp.maxTextChars,
  });

  return {
    'doors.mail'(session) {
      admin(session, 'doors.mail');
      return view();
    },
    async 'doors.saveMail'(session, { smtp, imap }) {
      const { doors } = admin(session, 'doors.saveMail');
      // A sender maps to a user who exists: else every mail from it would be refused.
      for (const [address, login] of Object.entries(smtp.senders)) {
        if (!/^[^\s@]+@[^\s@]+$/.test(address)) throw new StationError('bad_request', msg('doors.senderAddress', { address }), 'smtp.senders');
        if (!store.users.byLogin(login)) throw new StationError('bad_request', msg('doors.senderUser', { address, login }), 'smtp.senders');
      }
      if (imap.enabled && imap.user === '') throw new StationError('bad_request', msg('doors.required', { field: 'imap.user' }), 'imap.user');
      const before = { smtp: doors.smtp, imap: doors.imap };
      const nextSmtp: SmtpDoor = {
        ...before.smtp,
        ...smtp,
        senders: Object.fromEntries(Object.entries(smtp.senders).map(([a, l]) => [a.toLowerCase(), l])),
      };
      const { password, bounce, ...rest } = imap;
      const nextImap: ImapDoor = {
        ...rest,
        password: password === undefined ? before.imap.password : (password ?? ''),
        ...(bounce
          ? {
              bounce: {
                host: bounce.host,
                port: bounce.port,
                secure: bounce.secure,
                ...(bounce.user ? { user: bounce.user } : {}),
                from: bounce.from,
                ...(() => {
                  const p = bounce.password === undefined ? before.imap.bounce?.password : (bounce.password ?? undefined);
                  return p ? { password: p } : {};
                })(),
              },
            }
          : {}),
      };
      try {
        await doors.apply(nextSmtp, nextImap);
      } catch (err) {
        throw new StationError('bad_request', msg('doors.startFailed', { reason: err instanceof Error ? err.message : String(err) }), 'smtp.port');
      }
      doors.store.saveSmtp(nextSmtp);
      doors.store.saveImap(nextImap);
      store.audit.record(actorOf(session), 'doors.mail', 'mail', {
        smtp: changes(before.smtp as unknown as Record<string, unknown>, nextSmtp as unknown as Record<string, unknown>, []),
        imap: changes(before.imap as unknown as Record<string, unknown>, nextImap as unknown as Record<string, unknown>, ['password', 'bounce']),
      });
      return view();
    },
    async 'doors.testMail'(session, params) {
      const { doors } = admin(session, 'doors.testMail');
      const started = Date.now();
      let ok = false;
      let detail: string;
      if (params.door === 'smtp') {
        const port = doors.smtpPort;
        if (port === null) throw new StationError('bad_request', msg('doors.notRunning'), 'smtp.enabled');
        const host = doors.smtp.host === '0.0.0.0' || doors.smtp.host === '::' ? '127.0.0.1' : doors.smtp.host;
        const transport = nodemailer.createTransport({ host, port, secure: false, ignoreTLS: true, connectionTimeout: TEST_TIMEOUT_MS, greetingTimeout: TEST_TIMEOUT_MS, socketTimeout: TEST_TIMEOUT_MS });
        try {
          const info = await transport.sendMail({
            from: params.from,
            to: params.to,
            subject: 'Switchboard: test',
            text: session.locale === 'ru' ? 'Проверка почтового шлюза Switchboard.' : 'Switchboard mail door test.',
          });
          ok = info.accepted.length > 0;
          detail = info.response;
        } catch (err) {
          detail = (err as { response?: string }).response ?? (err instanceof Error ? err.message : String(err));
        } finally {
          transport.close();
        }
      } else {
        const imap = doors.imap;
        if (!imap.host || !imap.user) throw new StationError('bad_request', msg('doors.required', { field: 'imap.user' }), 'imap.user');
        const client = new ImapFlow({ host: imap.host, port: imap.port, secure: imap.secure, auth: { user: imap.user, pass: imap.password }, logger: false, connectionTimeout: TEST_TIMEOUT_MS } as never);
        client.on('error', () => undefined);
        try {
          await client.connect();
          const status = await client.status(imap.mailbox, { messages: true, unseen: true });
          ok = true;
          detail = `${imap.mailbox}: ${status.messages ?? 0} messages, ${status.unseen ?? 0} unseen.`;
          await client.logout();
        } catch (err) {
          detail = (err as { responseText?: string }).responseText ?? (err instanceof Error ? err.message : String(err));
          client.close();
        }
      }
      store.audit.record(actorOf(session), 'doors.test', params.door, { ok, detail });
      return { ok, detail, tookMs: Date.now() - started };
    },
    'webhooks.save'(session, { endpoints }) {
      const { webhooks, doors } = admin(session, 'webhooks.save');
      const before = doors.store.webhooks();
      const next: WebhookEndpoint[] = endpoints.map((e) => {
        const secret = e.secret ?? before.find((b) => b.url === e.url)?.secret;
        if (!secret) throw new StationError('bad_request', msg('doors.webhookSecret', { url: e.url }), 'secret');
        return { url: e.url, events: [...new Set(e.events)], secret };
      });
      if (new Set(next.map((e) => e.url)).size !== next.length) throw new StationError('bad_request', msg('doors.webhookTwice'), 'url');
      doors.store.saveWebhooks(next);
      webhooks.setEndpoints(next);
      store.audit.record(actorOf(session), 'webhooks.change', 'webhooks', {
        before: before.map((b) => ({ url: b.url, events: b.events })),
        after: next.map((n) => ({ url: n.url, events: n.events })),
        secretsChanged: endpoints.filter((e) => e.secret !== undefined).map((e) => e.url),
      });
      return { endpoints: webhooks.endpoints() };
    },
    async 'webhooks.test'(session, { url }) {
      const { doors } = admin(session, 'webhooks.test');
      const hook = doors.store.webhooks().find((h) => h.url === url);
      if (!hook) throw new StationError('not_found', msg('doors.webhookUnknown', { url }), 'url');
      const body = JSON.stringify({ event: 'test', at: new Date().toISOString(), message: null });
      const started = Date.now();
      let status: number | null = null;
      let detail: string;
      try {
        const res = await fetch(hook.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-switchboard-event': 'test', 'x-switchboard-signature': sign(hook.secret, body) },
          body,
          signal: AbortSignal.timeout(TEST_TIMEOUT_MS),
        });
        status = res.status;
        detail = `HTTP ${res.status} ${res.statusText}`.trim();
        await res.arrayBuffer().catch(() => undefined);
      } catch (err) {
        detail = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
      }
      const ok = status !== null && status >= 200 && status < 300;
      store.audit.record(actorOf(session), 'webhooks.test', `webhook:${url}`, { ok, status });
      return { ok, status, detail, tookMs: Date.now() - started };
    },
  };
}
