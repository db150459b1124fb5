// The station's parts wired together, without any network listener: what the ws server, the
// HTTP API and the integrations all work against.
import type { Logger } from './log.js';
import type { Store } from './store/store.js';
import type { StationEvents } from './events.js';
import type { CarrierRouter } from './carriers/router.js';
import type { Dispatcher } from './dispatch/dispatch.js';
import type { Outbox } from './dispatch/outbox.js';
import type { Inbound } from './inbound/inbound.js';
import type { ProgressPublisher } from './progress.js';
import type { Escalator } from './dispatch/escalation.js';
import type { Clock } from './clock.js';
import type { SettingsRepository } from './store/settings.js';
import type { Integrations } from './integrations/index.js';
import type { HistoryHandlers } from './history/handlers.js';
import type { ExportJobs } from './history/export-jobs.js';
import type { Supervisor } from './resilience/supervisor.js';
import type { ImportUploads } from './history/import-uploads.js';
import type { CarrierConfig } from './carrier-config/handlers.js';
import type { PlanService } from './plans/service.js';

export interface StationCore {
  version: string;
  log: Logger;
  store: Store;
  events: StationEvents;
  router: CarrierRouter;
  dispatcher: Dispatcher;
  outbox: Outbox;
  inbound: Inbound;
  progress: ProgressPublisher;
  /** Re-sends and escalates unconfirmed alerts. */
  escalator: Escalator;
  clock: Clock;
  /** Settings the admin changes at run time (reply window, session length); they win over config. */
  settings: SettingsRepository;
  /** Search, views, exports, contact import and billing (the history requests' station side). */
  history: HistoryHandlers & { exports: ExportJobs; uploads: ImportUploads };
  /** Restarts a failed subsystem (a carrier, the webhook queues) with back-off, and says so. */
  supervisor?: Supervisor;
  /** Carriers configured on screen: the routes in the store and how they reach the router. */
  carrierConfig: CarrierConfig;
  /** The integration doors (API keys, webhooks); set by createStation once they are mounted. */
  integrations?: Integrations;
  /** Alert plans, rosters and calls; set by createStation (plans/index.ts). */
  plans?: PlanService;
}
