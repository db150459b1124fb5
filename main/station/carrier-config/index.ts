// Carriers configured on screen, wired into a station: the routes in the store (seeded from
// config.json), the carriers made of them, and how a change reaches the running router and outbox.
import type { StationConfig } from '../config.js';
import type { Carrier } from '../carriers/carrier.js';
import type { CarrierRoute, CarrierRouter } from '../carriers/router.js';
import type { StationEvents } from '../events.js';
import type { Store } from '../store/store.js';
import { CarrierSet } from './carrier-set.js';
import type { CarrierConfig } from './handlers.js';
import { RouteStore } from './route-store.js';
import { keyFileSealer } from './sealed.js';

export interface CarrierStart {
  /** The routes to build the router with. */
  routes: CarrierRoute[];
  /** Rate limits to start the outbox with (config.json's, and those set on screen). */
  rateLimits: Record<string, number>;
  /** Once router and outbox exist: what the screen's handlers use. */
  connect(live: { router: CarrierRouter; setRateLimit(id: string, perSecond: number | null): void; events: StationEvents }): CarrierConfig;
}

export function carrierStart(config: StationConfig, store: Store, given: readonly Carrier[]): CarrierStart {
  const routes = new RouteStore(store.db, keyFileSealer(config.dataDir));
  const set = new CarrierSet({ routes, config, given });
  const limits = Object.fromEntries(Object.entries({ ...(config.outbox.rateLimits ?? {}), ...set.rateLimits() }).filter(([, v]) => typeof v === 'number' && v > 0)) as Record<string, number>;
  return {
    routes: set.routes(),
    rateLimits: limits,
    connect: (live) => {
      // One change at a time: two admins saving at once apply in turn, each on the store as it is.
      let chain: Promise<void> = Promise.resolve();
      const apply = () => {
        const run = chain.then(() =>
          set.apply({ router: live.router, setRateLimit: live.setRateLimit, changed: (statuses) => live.events.emit('carriers.changed', statuses) }),
        );
        chain = run.catch(() => undefined);
        return run;
      };
      return { routes, set, apply, simulator: config.simulator };
    },
  };
}
