// The integration doors (DESIGN §1 box "integrations"): REST, MTS-compatible SOAP and .asmx,
// mail2sms over SMTP and IMAP, outgoing webhooks. Mounted once by createStation; each door
// builds a request and calls core.dispatcher.send, so rights and refusals read the same everywhere.
import type { StationCore } from '../core.js';
import type { StationConfig } from '../config.js';
import type { HttpRoutes } from '../server/http-routes.js';
import { ApiKeyRepository } from './api-keys.js';
import { RateLimiter } from './rate-limit.js';
import type { DoorDeps } from './api-door.js';
import { mountSend } from './rest-send.js';
import { mountMessages } from './rest-messages.js';
import { mountDirectory } from './rest-directory.js';
import { mountM2m } from './m2m/m2m-routes.js';
import { SmtpListener } from './mail/smtp-listener.js';
import { ImapPoller } from './mail/imap-poller.js';
import { Webhooks } from './webhooks.js';
import { mountPlanRoutes } from '../plans/rest.js';

export interface Integrations {
  readonly keys: ApiKeyRepository;
  readonly webhooks: Webhooks;
  /** The rate limit of keys without their own figures. */
  readonly rateDefaults: { perMinute: number; burst: number };
  /** Port of the SMTP listener, when it runs. */
  readonly smtpPort: number | null;
  /** The mail domains mail2sms answers for, and whether a mail door (SMTP or IMAP) is on. */
  readonly mail: { enabled: boolean; domains: string[] };
  stop(): Promise<void>;
}

export async function mountIntegrations(core: StationCore, routes: HttpRoutes, config: StationConfig): Promise<Integrations> {
  const settings = config.integrations;
  const stops: (() => Promise<void> | void)[] = [];
  const keys = new ApiKeyRepository(core.store.db);
  const deps: DoorDeps = {
    core,
    keys,
    limiter: new RateLimiter({ perMinute: settings.rateLimitPerMinute, burst: settings.rateLimitBurst }, (id) => keys.limits(id)),
    maxBodyBytes: settings.maxBodyBytes,
  };
  const add = (method: string, path: string, h: Parameters<HttpRoutes['add']>[2], options?: Parameters<HttpRoutes['add']>[3]) =>
    routes.add(method, path, h, options);
  mountSend(deps, add);
  mountMessages(deps, add);
  mountDirectory(deps, add);
  mountM2m(deps, add);
  mountPlanRoutes(deps, add);
  const webhooks = new Webhooks(core, settings);
  webhooks.start();
  stops.push(() => webhooks.stop());
  let smtpPort: number | null = null;
  if (settings.smtp.enabled) {
    const smtp = new SmtpListener(core, settings.smtp, keys, deps.limiter);
    smtpPort = await smtp.start();
    stops.push(() => smtp.stop());
    core.log.info({ port: smtpPort }, 'mail2sms SMTP listener ready');
  }
  if (settings.imap.enabled) {
    const imap = new ImapPoller(core, settings.imap, settings.smtp);
    imap.start();
    stops.push(() => imap.stop());
  }
  return {
    keys,
    webhooks,
    rateDefaults: { perMinute: settings.rateLimitPerMinute, burst: settings.rateLimitBurst },
    smtpPort,
    mail: { enabled: settings.smtp.enabled || settings.imap.enabled, domains: settings.smtp.domains },
    async stop() {
      for (const s of stops.reverse()) await s();
    },
  };
}
