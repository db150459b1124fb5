// Several modems as one carrier: each SMS goes to the modem that is up and free soonest (each
// keeps its own send rate); when one modem drops, the others carry on. Refs carry the modem id,
// so delivery reports from different modems never mix.
import type { CarrierStatus } from '../../../../shared/protocol/index.js';
import { CarrierError, emptyStatus, type Carrier, type CarrierSink, type OutboundSms, type SendResult } from '../carrier.js';
import type { ModemCarrier, ModemDetail } from './modem-carrier.js';
import type { IncomingCall, VoiceCarrier, VoiceLine } from '../voice.js';

/**
 * Errors that say "this modem", not "this recipient": the next modem may try. An `in-doubt`
 * submit never moves on: the SMS may be on the air, and its late outcome comes through `late`.
 */
const MODEM_FAULTS = new Set(['modem:down', 'modem:closed', 'modem:timeout', 'cms:300', 'cms:301', 'cms:302', 'cms:310', 'cms:313', 'cms:322', 'cms:330', 'cms:331']);

export class ModemPool implements Carrier, VoiceCarrier {
  readonly kind = 'modem' as const;
  private sink: CarrierSink | null = null;

  constructor(
    readonly id: string,
    private readonly name: string,
    private readonly modems: readonly ModemCarrier[],
  ) {}

  async start(sink: CarrierSink): Promise<void> {
    this.sink = sink;
    const member: CarrierSink = {
      inbound: (sms) => sink.inbound(sms, this.id),
      report: (r) => sink.report(r, this.id),
      status: () => sink.status(this.status()),
      late: (messageId, answer) => sink.late?.(messageId, answer, this.id),
    };
    await Promise.all(this.modems.map((m) => m.start(member)));
  }

  /** Every modem's voice line: a call step rings through whichever is free. */
  voiceLines(): VoiceLine[] {
    return this.modems.flatMap((m) => m.voiceLines());
  }

  onIncomingCall(listener: (call: IncomingCall) => void): () => void {
    const offs = this.modems.map((m) => m.onIncomingCall(listener));
    return () => offs.forEach((off) => off());
  }

  async stop(): Promise<void> {
    await Promise.all(this.modems.map((m) => m.stop()));
  }

  /** Per-modem status for the board: signal, operator, registration, SIM, queue, sent today. */
  members(): ModemDetail[] {
    return this.modems.map((m) => m.modemDetail());
  }

  status(): CarrierStatus {
    const all = this.modems.map((m) => m.status());
    const up = all.filter((s) => s.state === 'up');
    const state: CarrierStatus['state'] = up.length === all.length && all.length > 0 ? 'up'
      : up.length > 0 || all.some((s) => s.state === 'degraded') ? 'degraded'
      : all.some((s) => s.state === 'connecting') ? 'connecting' : all.every((s) => s.state === 'disabled') ? 'disabled' : 'down';
    const problems = all.filter((s) => s.detail).map((s) => `${s.name}: ${s.detail}`);
    const signals = up.map((s) => s.signal).filter((x): x is number => x !== null);
    return {
      ...emptyStatus(this.id, 'modem', this.name),
      // The router sends through a pool that has at least one modem up.
      state: state === 'degraded' && up.length > 0 ? 'up' : state,
      detail: [`${up.length} of ${all.length} modems up`, ...problems].join('; '),
      signal: signals.length ? Math.max(...signals) : null,
      operator: [...new Set(up.map((s) => s.operator).filter(Boolean))].join(', ') || null,
      queue: all.reduce((n, s) => n + s.queue, 0),
      sentToday: all.reduce((n, s) => n + s.sentToday, 0),
    };
  }

  async send(sms: OutboundSms): Promise<SendResult> {
    const tried = new Set<ModemCarrier>();
    let last: CarrierError | null = null;
    for (;;) {
      const modem = this.pick(tried);
      if (!modem) throw last ?? new CarrierError('No modem in the pool is connected', 'modem:down', true);
      tried.add(modem);
      try {
        return await modem.send(sms);
      } catch (e) {
        if (!(e instanceof CarrierError) || e.kind === 'in-doubt' || !MODEM_FAULTS.has(e.code)) throw e;
        last = e;
      }
    }
  }

  /** One SMS in flight per modem that is up. */
  capacity(): number {
    return this.modems.filter((m) => m.status().state === 'up').length;
  }

  private pick(exclude: Set<ModemCarrier>): ModemCarrier | undefined {
    const candidates = this.modems.filter((m) => !exclude.has(m) && m.status().state === 'up');
    // Least loaded first, then the one whose send-rate slot opens soonest.
    candidates.sort((a, b) => a.status().queue - b.status().queue || a.readyAt - b.readyAt);
    return candidates[0];
  }
}
