// A CarrierSink that records what a carrier hands it, for carrier tests. `inbound` commits after
// an optional delay (or fails on demand) so tests can see that acknowledgements wait for it.
import type { CarrierStatus } from '../../shared/protocol/index.js';
import type { CarrierSink, DeliveryReport, InboundSms, LateAnswer } from '../../main/station/carriers/carrier.js';

export class RecordingSink implements CarrierSink {
  readonly inbounds: InboundSms[] = [];
  readonly reports: DeliveryReport[] = [];
  readonly statuses: CarrierStatus[] = [];
  /** Late outcomes of in-doubt submits, in the order the carrier reported them. */
  readonly lates: { messageId: number; answer: LateAnswer }[] = [];
  commitDelayMs = 0;
  failCommits = false;
  /** When set, inbound waits for this promise before it commits. */
  gate: Promise<void> | null = null;

  async inbound(sms: InboundSms): Promise<void> {
    if (this.gate) await this.gate;
    if (this.commitDelayMs) await new Promise((r) => setTimeout(r, this.commitDelayMs));
    if (this.failCommits) throw new Error('store unavailable');
    this.inbounds.push(sms);
  }

  report(report: DeliveryReport): void {
    this.reports.push(report);
  }

  late(messageId: number, answer: LateAnswer): void {
    this.lates.push({ messageId, answer });
  }

  status(status: CarrierStatus): void {
    this.statuses.push(status);
  }

  get lastState(): string | undefined {
    return this.statuses.at(-1)?.state;
  }
}

/** Polls until `check` is true, or fails with `what` after the timeout. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
