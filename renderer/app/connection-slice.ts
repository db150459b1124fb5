// The link to the station and the carriers' health: what the banners show.
import type { StateCreator } from 'zustand';
import type { CarrierStatus, StoreStatus } from '../../shared/protocol/index.js';
import type { LinkState } from './station-client.js';
import type { AppState } from './store.js';

export interface ConnectionSlice {
  connection: {
    link: LinkState;
    /** When the next reconnect attempt fires (epoch ms), while offline. */
    retryAt: number | null;
    /** Set once the first attempt has finished, so the banner doesn't flash on page load. */
    everTried: boolean;
    protocolProblem: string | null;
    /**
     * The session is resumed and a snapshot taken on the current link: requests that need a
     * signed-in session (preview, send) may go. False from every link change until then.
     */
    synced: boolean;
  };
  carriers: CarrierStatus[];
  /** Whether the station's store can write; null until the snapshot says. */
  store: StoreStatus | null;
  storeChanged(store: StoreStatus | null): void;
  linkChanged(link: LinkState, retryAt: number | null): void;
  synced(): void;
  protocolProblem(problem: string | null): void;
  carriersLoaded(carriers: CarrierStatus[]): void;
  carrierChanged(carrier: CarrierStatus): void;
}

export const createConnectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set) => ({
  connection: { link: 'connecting', retryAt: null, everTried: false, protocolProblem: null, synced: false },
  carriers: [],
  store: null,
  storeChanged: (store) => set({ store }),
  linkChanged: (link, retryAt) =>
    set((s) => ({
      connection: {
        ...s.connection,
        link,
        retryAt,
        everTried: s.connection.everTried || link !== 'connecting',
        synced: false,
      },
    })),
  synced: () => set((s) => ({ connection: { ...s.connection, synced: true } })),
  protocolProblem: (problem) => set((s) => ({ connection: { ...s.connection, protocolProblem: problem } })),
  carriersLoaded: (carriers) => set({ carriers }),
  carrierChanged: (carrier) =>
    set((s) => {
      const i = s.carriers.findIndex((c) => c.id === carrier.id);
      if (i < 0) return { carriers: [...s.carriers, carrier] };
      const carriers = s.carriers.slice();
      carriers[i] = carrier;
      return { carriers };
    }),
});

/** Carriers the dispatcher must hear about: down or unstable (a disabled one was switched off on purpose). */
export function troubledCarriers(carriers: CarrierStatus[]): CarrierStatus[] {
  return carriers.filter((c) => c.state === 'down' || c.state === 'degraded');
}

export function allCarriersDown(carriers: CarrierStatus[]): boolean {
  const enabled = carriers.filter((c) => c.state !== 'disabled');
  return enabled.length > 0 && enabled.every((c) => c.state === 'down');
}
