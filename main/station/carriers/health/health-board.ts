// Every carrier's effective state: what its link reports (connecting, up, down…) combined with
// what the outbox's lane for it observes (lane-health.ts), the worse of the two winning, with
// the reason in words and the count of SMS in doubt. The router routes by it, the board and
// `carrier.status` events show it, GET /api/v1/health reports it.
import type { CarrierState, CarrierStatus } from '../../../../shared/protocol/index.js';
import { DEFAULT_THRESHOLDS, LaneHealth, type HealthThresholds } from './lane-health.js';

const RANK: Record<CarrierState, number> = { up: 0, degraded: 1, connecting: 2, down: 3, disabled: 4 };

export class HealthBoard {
  private readonly lanes = new Map<string, LaneHealth>();

  constructor(private readonly thresholds: HealthThresholds = DEFAULT_THRESHOLDS) {}

  /** The observations of one carrier's lane (made on first use). */
  lane(carrierId: string): LaneHealth {
    let lane = this.lanes.get(carrierId);
    if (!lane) {
      lane = new LaneHealth(this.thresholds);
      this.lanes.set(carrierId, lane);
    }
    return lane;
  }

  /** A carrier taken out or replaced (its settings changed): what was seen of it no longer holds. */
  forget(carrierId: string): void {
    this.lanes.delete(carrierId);
  }

  tick(now: number): void {
    for (const lane of this.lanes.values()) lane.tick(now);
  }

  /** True while a held verdict has run out and one SMS may test the carrier. */
  isProbing(carrierId: string): boolean {
    return this.lanes.get(carrierId)?.isProbing ?? false;
  }

  /** The carrier's status as the link reports it, with the lane's verdict and counts applied. */
  effective(status: CarrierStatus): CarrierStatus {
    const lane = this.lanes.get(status.id);
    if (!lane) return status;
    let { state, detail } = status;
    const verdict = lane.current();
    // The lane judges only a carrier that is taking traffic; a link that is down says why itself.
    if (verdict && (state === 'up' || state === 'degraded') && RANK[verdict.state] >= RANK[state]) {
      state = verdict.state;
      detail = verdict.reason;
    }
    const counts: string[] = [];
    if (lane.inDoubt > 0) counts.push(`${lane.inDoubt} SMS in doubt (sent, no answer yet)`);
    if (lane.resent > 0) counts.push(`${lane.resent} re-sent after no answer`);
    if (counts.length > 0) detail = `${detail ? `${detail} ` : ''}${capitalise(counts.join('; '))}.`;
    return {
      ...status,
      state,
      detail,
      ...(lane.inDoubt > 0 ? { inDoubt: lane.inDoubt } : {}),
      ...(lane.resent > 0 ? { resent: lane.resent } : {}),
    };
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
