// One GSM modem as a Carrier: connects in the background, keeps itself alive (watchdog, reopen
// with backoff after the port vanishes), sends SMS as PDUs one segment at a time, and hands
// inbound SMS and delivery reports to the sink.
import type { CarrierStatus } from '../../../../shared/protocol/index.js';
import { CarrierError, emptyStatus, type Carrier, type CarrierSink, type OutboundSms, type SendResult } from '../carrier.js';
import { ModemSender } from './modem-sender.js';
import { SentToday } from '../sent-today.js';
import { AtSession, type Urc } from './at-session.js';
import { fields } from './at-result.js';
import { toCarrierError } from './errors.js';
import { readHealth, parseCreg, type Registration } from './modem-health.js';
import { ModemInbox } from './modem-inbox.js';
import { setupModem, SimLockError, type ModemIdentity } from './modem-setup.js';
import { decodePdu, statusReason, type StatusReportPdu } from './pdu/decode.js';
import type { ModemPortOpener, ModemTransport } from './transport.js';

export interface ModemOptions {
  id: string;
  name: string;
  open: ModemPortOpener;
  /** The port `open` opens, for the admin screen and to keep a probe off a port in use. */
  path?: string;
  pin?: string;
  /** Preferred SMS storage, 'SM' (SIM) by default. */
  storage?: string;
  /** Least time between two SMS segments: this modem's send rate. */
  sendIntervalMs?: number;
  /** Silence after which the modem is pinged, and reset when the ping fails twice. */
  watchdogMs?: number;
  /** How often signal, operator and registration are read. */
  healthMs?: number;
  reopenMinMs?: number;
  reopenMaxMs?: number;
  /** How long the parts of a long inbound SMS are waited for. */
  reassemblyTimeoutMs?: number;
  /** Reference width of the concatenation header on send. */
  refBits?: 8 | 16;
  /** Time for the network to accept one segment (AT+CMGS). */
  sendTimeoutMs?: number;
}

export interface ModemDetail {
  id: string;
  name: string;
  path: string | null;
  state: CarrierStatus['state'];
  detail: string | null;
  signal: number | null;
  operator: string | null;
  registration: Registration;
  sim: string;
  identity: ModemIdentity | null;
  queue: number;
  sentToday: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ModemCarrier implements Carrier {
  readonly kind = 'modem' as const;
  private sink: CarrierSink | null = null;
  private running = false;
  private transport: ModemTransport | null = null;
  private session: AtSession | null = null;
  private inbox: ModemInbox | null = null;
  private timers: NodeJS.Timeout[] = [];
  private state: CarrierStatus['state'] = 'connecting';
  private detail: string | null = null;
  private oddity: { text: string; at: number } | null = null;
  private storageProblem: string | null = null;
  private signal: number | null = null;
  private operator: string | null = null;
  private registration: Registration = 'unknown';
  private sim = 'unknown';
  private identity: ModemIdentity | null = null;
  private pinAllowed = true;
  private simLocked = false;
  private readonly sent = new SentToday();
  private readonly sender: ModemSender;
  private pingFailures = 0;
  private generation = 0;

  constructor(private readonly o: ModemOptions) {
    this.sender = new ModemSender({
      modemId: o.id,
      ...(o.sendIntervalMs !== undefined ? { sendIntervalMs: o.sendIntervalMs } : {}),
      ...(o.sendTimeoutMs !== undefined ? { sendTimeoutMs: o.sendTimeoutMs } : {}),
      ...(o.refBits !== undefined ? { refBits: o.refBits } : {}),
      late: (messageId, answer) => this.sink?.late?.(messageId, answer, this.o.id),
      note: (text) => this.note(text),
      counted: () => this.sent.add(),
    });
  }

  get id(): string {
    return this.o.id;
  }

  async start(sink: CarrierSink): Promise<void> {
    this.sink = sink;
    this.running = true;
    void this.connectLoop();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.disconnect();
    this.setState('disabled', 'Stopped.');
  }

  status(): CarrierStatus {
    const s = emptyStatus(this.o.id, 'modem', this.o.name);
    return { ...s, state: this.state, detail: this.currentDetail(), signal: this.signal, operator: this.operator, queue: this.sender.queued, sentToday: this.sent.count() };
  }

  modemDetail(): ModemDetail {
    const s = this.status();
    return { id: s.id, name: s.name, path: this.o.path ?? null, state: s.state, detail: s.detail, signal: s.signal, operator: s.operator, registration: this.registration, sim: this.sim, identity: this.identity, queue: s.queue, sentToday: s.sentToday };
  }

  /** When this modem may send its next segment (its own send rate). */
  get readyAt(): number {
    return this.sender.readyAt;
  }

  /** One SMS at a time per modem (its segments back to back). */
  capacity(): number {
    return 1;
  }

  async send(sms: OutboundSms): Promise<SendResult> {
    if (this.state !== 'up' && this.state !== 'degraded') {
      throw new CarrierError(`The modem "${this.o.name}" is not connected${this.detail ? `: ${this.detail}` : ''}`, 'modem:down', true);
    }
    const sending = this.sender.send(sms, () => this.session);
    this.emit();
    try {
      return { refs: await sending };
    } finally {
      this.emit();
    }
  }

  // ---- connection lifecycle ----

  private async connectLoop(): Promise<void> {
    const generation = ++this.generation;
    let backoff = this.o.reopenMinMs ?? 1_000;
    const max = this.o.reopenMaxMs ?? 30_000;
    while (this.running && generation === this.generation) {
      try {
        await this.connect(generation);
        return;
      } catch (e) {
        // A newer loop (port closed mid-setup) owns the connection now: leave it alone.
        if (!this.running || generation !== this.generation) return;
        await this.disconnect();
        if (e instanceof SimLockError) {
          this.sim = e.state;
          this.simLocked = true;
          if (e.state === 'PIN REJECTED') this.pinAllowed = false;
          this.setState('down', e.message);
          await sleep(max); // a locked SIM needs a person; look again now and then, never send PUKs
        } else {
          this.setState('down', `Cannot reach the modem: ${toCarrierError(e).message}. Retrying in ${Math.round(backoff / 1000)} s.`);
          await sleep(backoff);
          backoff = Math.min(max, backoff * 2);
        }
      }
    }
  }

  private async connect(generation: number): Promise<void> {
    // A locked SIM stays "down" with its reason while we look again, rather than flicker.
    if (!this.simLocked) this.setState('connecting', 'Opening the modem port…');
    const transport = await this.o.open();
    this.transport = transport;
    transport.onClose((err) => this.onPortClosed(transport, err));
    const session = new AtSession(transport, { urc: (u) => this.onUrc(u), unexpected: (l) => this.onUnexpected(l) });
    this.session = session;
    const setup = await setupModem(session, { ...(this.o.pin ? { pin: this.o.pin } : {}), pinAllowed: this.pinAllowed, ...(this.o.storage ? { storage: this.o.storage } : {}) });
    if (generation !== this.generation) return;
    this.sim = 'READY';
    this.simLocked = false;
    this.identity = setup.identity;
    this.pingFailures = 0;
    const inbox = new ModemInbox(session, this.o.id, {
      inbound: (sms) => this.sink!.inbound(sms, this.o.id),
      report: (pdu) => this.onReport(pdu),
      problem: (detail) => {
        this.storageProblem = detail;
        this.emit();
      },
      note: (detail) => this.note(detail),
    }, this.o.reassemblyTimeoutMs ?? 10 * 60_000);
    this.inbox = inbox;
    // The watchdog runs from here on, so a modem that goes deaf mid-start is reset too.
    this.startTimers();
    await this.refreshHealth();
    // What arrived while we were away, before we call ourselves up.
    await inbox.readAll();
    await inbox.checkStorage();
    this.setState(this.registrationOk() ? 'up' : 'degraded', null);
  }

  private onPortClosed(transport: ModemTransport, err: Error | null): void {
    if (transport !== this.transport || !this.running) return;
    this.setState('down', `The modem port closed${err ? ` (${err.message})` : ''}; reopening…`);
    void this.disconnect().then(() => this.connectLoop());
  }

  private async disconnect(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.session?.close();
    this.session = null;
    this.inbox = null;
    const transport = this.transport;
    this.transport = null;
    if (transport) await transport.close().catch(() => undefined);
  }

  private startTimers(): void {
    const watchdogMs = this.o.watchdogMs ?? 30_000;
    this.timers.push(setInterval(() => void this.watchdog(watchdogMs), Math.max(100, watchdogMs / 2)));
    this.timers.push(setInterval(() => void this.housekeeping(), this.o.healthMs ?? 60_000));
  }

  /** The classic "sending stops after hours until replugged": ping when silent, reset when deaf. */
  private async watchdog(silenceMs: number): Promise<void> {
    const session = this.session;
    if (!session || session.pending > 0 || Date.now() - session.lastAnswerAt < silenceMs) return;
    try {
      await session.run({ text: 'AT', timeoutMs: 3_000 });
      this.pingFailures = 0;
    } catch {
      if (session !== this.session) return;
      this.pingFailures++;
      if (this.pingFailures < 2) return;
      this.setState('down', 'The modem stopped answering; resetting it (AT+CFUN) and reopening the port.');
      await session.sendBlind('AT+CFUN=1,1').catch(() => undefined);
      await this.disconnect();
      void this.connectLoop();
    }
  }

  private async housekeeping(): Promise<void> {
    const inbox = this.inbox;
    try {
      await this.refreshHealth();
      if (this.state === 'up' || this.state === 'degraded') this.setState(this.registrationOk() ? 'up' : 'degraded', null);
      await inbox?.expire(Date.now());
      await inbox?.checkStorage();
    } catch (e) {
      this.note(toCarrierError(e).message);
    }
  }

  private async refreshHealth(): Promise<void> {
    if (!this.session) return;
    const h = await readHealth(this.session);
    this.signal = h.signal;
    this.operator = h.operator;
    this.registration = h.registration;
    this.emit();
  }

  private registrationOk(): boolean {
    return this.registration === 'home' || this.registration === 'roaming' || this.registration === 'unknown';
  }

  // ---- what the modem says on its own ----

  private onUrc(u: Urc): void {
    const inbox = this.inbox;
    const fail = (e: unknown) => this.note(toCarrierError(e).message);
    switch (u.name) {
      case '+CMTI':
      case '+CDSI': {
        const index = Number(fields(u.line)[1]);
        if (inbox && Number.isInteger(index)) inbox.readOne(index).catch(fail);
        return;
      }
      case '+CDS': {
        try {
          const pdu = decodePdu(u.body ?? '');
          if (pdu.type === 'status-report') this.onReport(pdu);
        } catch (e) {
          this.note(`Ignored an unreadable delivery report: ${e instanceof Error ? e.message : String(e)}`);
        }
        return;
      }
      case '+CREG':
        this.registration = parseCreg(u.line, false);
        if (this.state === 'up' || this.state === 'degraded') this.setState(this.registrationOk() ? 'up' : 'degraded', null);
        return;
      default:
        return; // RING, ^RSSI, SMS Ready…: known and harmless
    }
  }

  private onUnexpected(line: string): void {
    this.note(`Ignored unexpected modem output "${line.slice(0, 60)}"`);
  }

  private onReport(pdu: StatusReportPdu): void {
    // A +CDS can arrive in the same read as the +CMGS answer it reports on; the send records the
    // ref only when its await resumes. One turn of the event loop lets it.
    setImmediate(() => this.reportNow(pdu));
  }

  private reportNow(pdu: StatusReportPdu): void {
    const ref = this.sender.refFor(pdu.messageRef);
    this.sink?.report({
      ref,
      status: pdu.category,
      at: pdu.dischargedAt,
      ...(pdu.category === 'failed' ? { error: statusReason(pdu.status) } : {}),
    }, this.o.id);
  }

  // ---- status ----

  private note(text: string): void {
    this.oddity = { text, at: Date.now() };
    this.emit();
  }

  private currentDetail(): string | null {
    if (this.detail) return this.detail;
    if (this.storageProblem) return this.storageProblem;
    if (this.registration === 'denied') return 'The network denied registration: check the SIM and its balance.';
    if (this.registration === 'searching' || this.registration === 'not-registered') return 'The modem is looking for a network.';
    // Recent oddities stay visible for ten minutes, then the detail clears itself.
    if (this.oddity && Date.now() - this.oddity.at < 10 * 60_000) return this.oddity.text;
    return null;
  }

  private setState(state: CarrierStatus['state'], detail: string | null): void {
    this.state = state;
    this.detail = detail;
    this.emit();
  }

  private emit(): void {
    this.sink?.status(this.status());
  }

}
