// The integration doors (DESIGN §1 box "integrations"): REST, MTS-compatible SOAP and .asmx,
// mail2sms over SMTP and IMAP, outgoing webhooks. Mounted once by createStation; each door
// builds a request and calls core.dispatcher.send, so rights and refusals read the same everywhere.
import type { StationCore } from '../core.js';
import type { StationConfig } from '../config.js';
import type { HttpRoutes } from '../server/http-routes.js';
import { ApiKeyRepository } from './api-keys.js';
import { RateLimiter } from './rate-limit.js';
import { KeyFailureLimit } from '../auth/key-failures.js';
import type { DoorDeps } from './api-door.js';
import { mountSend } from './rest-send.js';
import { mountMessages } from './rest-messages.js';
import { mountBroadcastActions } from './rest-broadcasts.js';
import { mountDirectory } from './rest-directory.js';
import { mountM2m } from './m2m/m2m-routes.js';
import { Webhooks } from './webhooks.js';
import { DoorStore } from '../door-config/door-store.js';
import { MailDoors } from '../door-config/mail-doors.js';
import { keyFileSealer } from '../carrier-config/sealed.js';
import { mountPlanRoutes } from '../plans/rest.js';

export interface Integrations {
  readonly keys: ApiKeyRepository;
  readonly webhooks: Webhooks;
  /** The SMTP listener and IMAP poll, started again when the screen changes their settings. */
  readonly doors: MailDoors;
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
    keyFailures: new KeyFailureLimit(core.store.audit),
    maxBodyBytes: settings.maxBodyBytes,
  };
  const add = (method: string, path: string, h: Parameters<HttpRoutes['add']>[2], options?: Parameters<HttpRoutes['add']>[3]) =>
    routes.add(method, path, h, options);
  mountSend(deps, add);
  mountMessages(deps, add);
  mountBroadcastActions(deps, add);
  mountDirectory(deps, add);
  mountM2m(deps, add);
  mountPlanRoutes(deps, add);
  // Mail doors and webhook endpoints as the screen stored them (config.json's until then).
  const doorStore = new DoorStore(core.store.db, keyFileSealer(config.dataDir), settings);
  const webhooks = new Webhooks(core, { ...settings, webhooks: doorStore.webhooks() });
  webhooks.start();
  stops.push(() => webhooks.stop());
  const doors = new MailDoors(core, keys, deps.limiter, doorStore, deps.keyFailures);
  await doors.start();
  stops.push(() => doors.stop());
  return {
    keys,
    webhooks,
    doors,
    rateDefaults: { perMinute: settings.rateLimitPerMinute, burst: settings.rateLimitBurst },
    get smtpPort() {
      return doors.smtpPort;
    },
    get mail() {
      return { enabled: doors.smtp.enabled || doors.imap.enabled, domains: doors.smtp.domains };
    },
    async stop() {
      for (const s of stops.reverse()) await s();
    },
  };
}
