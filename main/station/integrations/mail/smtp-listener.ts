// mail2sms over SMTP: monitors that can only send e-mail raise an alert by mailing
// mail2sms@DOMAIN (#tags), PHONE@DOMAIN or GROUP@DOMAIN. The sender is allowed by address
// (config) or by SMTP AUTH with an API key. A refused mail is rejected in the SMTP dialogue with
// the reason, so the sending server's bounce tells the person why.
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { StationCore } from '../../core.js';
import type { IntegrationsConfig } from '../config.js';
import type { ApiKeyRepository } from '../api-keys.js';
import { callerOf, type Caller } from '../api-door.js';
import { RateLimiter, RateLimitError } from '../rate-limit.js';
import type { KeyFailureLimit } from '../../auth/key-failures.js';
import { callerForAddress, MailRefusal, recipientOf, senderRefusal, sendMail } from './mail-request.js';
import { acceptQuotedLocalParts } from './quoted-rcpt.js';
import { normalizeRawMail } from './mail-charset.js';

type Settings = IntegrationsConfig['smtp'];

function smtpError(message: string, code = 550): Error & { responseCode: number } {
  // SMTP replies are single lines: keep the sentence, drop line breaks.
  return Object.assign(new Error(message.replace(/\s+/g, ' ')), { responseCode: code });
}

/** The mail's bytes, kept up to `max` (the rest is drained: smtp-server flags it as too large). */
async function collect(stream: AsyncIterable<Buffer>, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    if (size > max) continue;
    chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks);
}

export class SmtpListener {
  private server: SMTPServer | null = null;
  private readonly callers = new WeakMap<SMTPServerSession, Caller>();

  constructor(
    private readonly core: StationCore,
    private readonly settings: Settings,
    private readonly keys: ApiKeyRepository,
    private readonly limiter: RateLimiter,
    private readonly keyFailures: KeyFailureLimit,
  ) {}

  async start(): Promise<number> {
    const { core, settings } = this;
    acceptQuotedLocalParts();
    const server = new SMTPServer({
      name: 'switchboard',
      banner: 'Switchboard mail2sms',
      size: settings.maxMessageBytes,
      authOptional: true,
      // Loopback by default and no certificate to offer: AUTH is allowed without TLS.
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      authMethods: ['PLAIN', 'LOGIN'],
      logger: false,
      onAuth: (auth, session, cb) => {
        const holder = this.keys.authenticate(auth.password ?? '');
        if (!holder) {
          // The same allowance per address as the HTTP doors (auth/key-failures.ts); 454 is "try later".
          const wait = this.keyFailures.failed(session.remoteAddress, 'smtp');
          if (wait !== null) {
            cb(smtpError(`Too many failed sign-ins from this address. Wait ${wait} s, and check the API key given as the SMTP password.`, 454));
            return;
          }
          core.store.audit.record({ userId: null, name: auth.username ?? 'anonymous' }, 'api.auth.failed', `smtp:${session.remoteAddress}`, { reason: 'unknown' });
          cb(smtpError('The API key given as the SMTP password is not valid or was revoked.', 535));
          return;
        }
        this.callers.set(session, callerOf(holder));
        cb(null, { user: holder.login });
      },
      onMailFrom: (address, session, cb) => {
        const caller = this.callers.get(session) ?? callerForAddress(core, settings, address.address);
        if (!caller) {
          core.store.audit.record({ userId: null, name: address.address }, 'mail.refused', `smtp:${session.remoteAddress}`, { reason: 'sender' });
          cb(smtpError(senderRefusal(address.address).message));
          return;
        }
        try {
          if (caller.keyId !== 0) this.limiter.take(caller.keyId);
        } catch (err) {
          if (err instanceof RateLimitError) return cb(smtpError(err.message, 451));
          throw err;
        }
        this.callers.set(session, caller);
        cb();
      },
      onRcptTo: (address, _session, cb) => {
        try {
          recipientOf(core, settings, address.address);
          cb();
        } catch (err) {
          cb(smtpError(err instanceof MailRefusal ? err.message : 'This recipient cannot be used.'));
        }
      },
      onData: (stream, session, cb) => {
        const caller = this.callers.get(session)!;
        const to = session.envelope.rcptTo.map((r) => r.address);
        collect(stream, settings.maxMessageBytes)
          .then((raw) => simpleParser(normalizeRawMail(raw)))
          .then((mail) => {
            if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
              throw new MailRefusal(`The mail is over ${Math.round(settings.maxMessageBytes / 1024)} KiB. Send a shorter mail without attachments.`);
            }
            const result = sendMail(core, settings, caller, to, mail);
            core.store.audit.record(caller.auditActor, 'api.call', 'SMTP DATA', { door: 'smtp', broadcastId: result.broadcastId });
            cb(null, `Queued as broadcast ${result.broadcastId} to ${result.recipients} recipients`);
          })
          .catch((err: unknown) => {
            if (err instanceof MailRefusal) {
              core.store.audit.record(caller.auditActor, 'mail.refused', 'SMTP DATA', { door: 'smtp', reason: err.message });
              cb(smtpError(err.message));
              return;
            }
            core.log.error({ err }, 'mail2sms failed');
            cb(smtpError('The station hit an internal error; it is logged. Try again later.', 451));
          });
      },
    });
    server.on('error', (err) => core.log.warn({ err }, 'SMTP listener error'));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(settings.port, settings.host, () => resolve());
    });
    this.server = server;
    return (server.server.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
