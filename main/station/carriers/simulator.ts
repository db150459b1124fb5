// A carrier with virtual employees on the other end: it accepts SMS, reports delivery after a
// latency, fails a share of them, and has people reply ("1", "принял", "#4711 готово", free
// text). Seeded, so a test sees the same replies every run. It is what a fresh station uses.
import { appendFileSync } from 'node:fs';
import type { CarrierStatus } from '../../../shared/protocol/index.js';
import { CarrierError, emptyStatus, type Carrier, type CarrierSink, type OutboundSms, type SendResult } from './carrier.js';
import { SentToday } from './sent-today.js';
import { carrierText } from '../i18n/tell-carrier-texts.js';
import { splitParts } from '../../../shared/sms/segments.js';

export interface SimulatorOptions {
  id: string;
  name: string;
  seed: number;
  /** Time the network takes to accept a submit, ms. */
  submitLatencyMs: number;
  /** Delay from submit to the delivery report, ms (min, max). */
  deliveryLatencyMs: [number, number];
  /** Share of SMS reported as not delivered (phone off, number gone). */
  failureRate: number;
  /** Share of submits refused with a transient error (network busy). */
  transientErrorRate: number;
  /** Share of delivered SMS that get a reply. */
  replyRate: number;
  /** Delay from delivery to the reply, ms (min, max). */
  replyLatencyMs: [number, number];
  /** SMS it takes at once (the outbox's lane window for it). */
  capacity: number;
  /** When set, every accepted submit is appended here as `messageId phone`, so a test can count
   * what reached "the network" even across a crash of the station. */
  ledgerFile?: string;
}

export const DEFAULT_SIMULATOR: SimulatorOptions = {
  id: 'simulator',
  name: 'Simulator',
  seed: 4938,
  submitLatencyMs: 5,
  deliveryLatencyMs: [300, 1500],
  failureRate: 0.03,
  transientErrorRate: 0,
  replyRate: 0.6,
  replyLatencyMs: [1000, 5000],
  capacity: 50,
};

/** mulberry32: a tiny seeded PRNG, good enough for simulated people. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FREE_TEXT = ['принял', 'Принял, выезжаю', 'понял', 'Буду через 40 минут', 'ок', 'Нахожусь на другом объекте'];

/** What a person would answer to this text. */
export function simulatedReply(text: string, random: () => number): string {
  const order = /#(\d{3,})/.exec(text);
  if (order) return random() < 0.7 ? `#${order[1]} готово` : `${order[1]} принял`;
  const option = /ответьте\s+(\d)|reply\s+(\d)/i.exec(text);
  if (option) return option[1] ?? option[2]!;
  const poll = /\b1\s*[-—–.)]/.test(text) && /\b2\s*[-—–.)]/.test(text);
  if (poll) return String(1 + Math.floor(random() * 3));
  return FREE_TEXT[Math.floor(random() * FREE_TEXT.length)]!;
}

export class SimulatorCarrier implements Carrier {
  readonly kind = 'simulator' as const;
  readonly id: string;
  private readonly opts: SimulatorOptions;
  private readonly random: () => number;
  private sink: CarrierSink | null = null;
  private state: CarrierStatus;
  private refCounter = 0;
  private readonly sent = new SentToday();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(opts: Partial<SimulatorOptions> = {}) {
    this.opts = { ...DEFAULT_SIMULATOR, ...opts };
    this.id = this.opts.id;
    this.random = prng(this.opts.seed);
    this.state = emptyStatus(this.id, 'simulator', this.opts.name);
  }

  async start(sink: CarrierSink): Promise<void> {
    this.sink = sink;
    this.setState({ state: 'up', detail: carrierText('carrier.sim.up'), signal: 100, operator: 'Simulator' });
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.sink = null;
    this.setState({ state: 'down', detail: carrierText('carrier.stopped') });
  }

  status(): CarrierStatus {
    return { ...this.state, sentToday: this.sent.count() };
  }

  capacity(): number {
    return this.state.state === 'up' ? this.opts.capacity : 0;
  }

  /** Takes the simulated network down or up, as a test of failover would. */
  setAvailable(up: boolean): void {
    this.setState(up ? { state: 'up', detail: carrierText('carrier.sim.up') } : { state: 'down', detail: carrierText('carrier.sim.outage') });
  }

  /**
   * A person texts the station: the SMS goes to the sink like one from the network. Resolves
   * once the station has committed it. For tests and drills that script who answers what.
   */
  async receiveFrom(phone: string, text: string, receivedAt = Date.now()): Promise<void> {
    if (!this.sink) throw new CarrierError(carrierText('carrier.sim.notStarted'), 'down', true);
    await this.sink.inbound({ from: phone, text, receivedAt, carrierRef: `sim-in-${++this.refCounter}` }, this.id);
  }

  async send(sms: OutboundSms): Promise<SendResult> {
    if (this.state.state !== 'up') throw new CarrierError(carrierText('carrier.sim.down'), 'down', true);
    if (this.opts.submitLatencyMs > 0) await new Promise((r) => setTimeout(r, this.opts.submitLatencyMs));
    if (this.random() < this.opts.transientErrorRate) throw new CarrierError(carrierText('carrier.sim.busy'), 'busy', true);
    const refs = splitParts(sms.text).parts.map(() => `sim-${++this.refCounter}`);
    if (this.opts.ledgerFile) appendFileSync(this.opts.ledgerFile, `${sms.messageId} ${sms.phone}\n`);
    this.sent.add();
    this.plan(sms, refs);
    return { refs };
  }

  /** Schedules this SMS's delivery reports and, maybe, the person's reply. */
  private plan(sms: OutboundSms, refs: string[]): void {
    const failed = this.random() < this.opts.failureRate;
    const deliverAfter = this.between(this.opts.deliveryLatencyMs);
    const replies = !failed && this.random() < this.opts.replyRate;
    const replyAfter = deliverAfter + this.between(this.opts.replyLatencyMs);
    const reply = simulatedReply(sms.text, this.random);
    if (sms.requestReport) {
      this.later(deliverAfter, () => {
        for (const ref of refs) {
          // A report the station cannot store now (read-only store) is simply lost, as on a network.
          this.reportQuietly(
            failed
              ? { ref, status: 'failed', at: Date.now(), error: carrierText('carrier.sim.unreachable') }
              : { ref, status: 'delivered', at: Date.now() },
            this.id,
          );
        }
      });
    }
    if (replies) {
      this.later(replyAfter, () => {
        void this.sink
          ?.inbound({ from: sms.phone, text: reply, receivedAt: Date.now(), carrierRef: `sim-in-${++this.refCounter}` }, this.id)
          .catch(() => undefined);
      });
    }
  }

  private reportQuietly(report: Parameters<CarrierSink['report']>[0], carrierId: string): void {
    try {
      this.sink?.report(report, carrierId);
    } catch {
      // see above
    }
  }

  private between([min, max]: [number, number]): number {
    return Math.round(min + this.random() * (max - min));
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private setState(patch: Partial<CarrierStatus>): void {
    this.state = { ...this.state, ...patch };
    this.sink?.status(this.status());
  }
}
