// Chooses the carrier for each outgoing SMS: the highest-priority carrier that is up. The outbox
// asks per message, so when a carrier goes down the queued messages simply go to the next one.
import type { Carrier } from './carrier.js';

export class CarrierRouter {
  /** @param carriers in priority order, most preferred first */
  constructor(private readonly carriers: readonly Carrier[]) {}

  list(): readonly Carrier[] {
    return this.carriers;
  }

  get(id: string): Carrier | undefined {
    return this.carriers.find((c) => c.id === id);
  }

  /** The carrier to send this SMS through now, or undefined while none is up. */
  pick(_phone: string): Carrier | undefined {
    return this.carriers.find((c) => c.status().state === 'up');
  }
}
