// One GSM modem as a Carrier: connects in the background and keeps at it (reopen with backoff,
// find the port again under a new name by its USB identity), sends through ModemSender, and hands
// inbound SMS and delivery reports to the sink. One open port at a time is a ModemLink.
import type { CarrierStatus } from '../../../../shared/protocol/index.js';
import { CarrierError, emptyStatus, type Carrier, type CarrierSink, type OutboundSms, type SendResult } from '../carrier.js';
import { SentToday } from '../sent-today.js';
import { toCarrierError } from './errors.js';
import type { Registration } from './modem-health.js';
import { ModemLink } from './modem-link.js';
import { ModemSender } from './modem-sender.js';
import { ModemStartingError, SimLockError, type ModemIdentity } from './modem-setup.js';
import { statusReason, type StatusReportPdu } from './pdu/decode.js';
import { describeUsb, identityOfPath, rediscover, type PortLister, type UsbIdentity } from './port-finder.js';
import { profileById } from './profiles.js';
import type { ModemPortOpener, ModemTransport } from './transport.js';
import type { IncomingCall, VoiceCarrier, VoiceLine } from '../voice.js';
import { ModemVoice } from './voice.js';
import type { ProfileId } from './profiles.js';

export interface ModemOptions {
  id: string;
  name: string;
  open: ModemPortOpener;
  /** The port `open` opens, for the admin screen and to keep a probe off a port in use. */
  path?: string;
  /** Lists the OS's serial ports with their USB identity (SerialPort.list()): finds a renamed port. */
  list?: PortLister;
  /** The USB identity to look for, when known from the settings before the port was ever seen. */
  usb?: UsbIdentity;
  pin?: string;
  /** Preferred SMS storage, 'SM' (SIM) by default. */
  storage?: string;
  /** A profile id (docs/modem.md) to use instead of the one the modem's identity picks. */
  profile?: string;
  /** Least time between two SMS segments: this modem's send rate. */
  sendIntervalMs?: number;
  /** Time without a command's answer after which the modem is pinged; reset when two pings fail. */
  watchdogMs?: number;
  /** How often signal, registration and settings are checked and the storages listed. */
  healthMs?: number;
  reopenMinMs?: number;
  reopenMaxMs?: number;
  /** How long the parts of a long inbound SMS are waited for. */
  reassemblyTimeoutMs?: number;
  /** Reference width of the concatenation header on send. */
  refBits?: 8 | 16;
  /** Time for the network to accept one segment (AT+CMGS). */
  sendTimeoutMs?: number;
  /** How long "starting" answers (SIM not ready, +CMS 302) are waited for after power-up. */
  bootGraceMs?: number;
  /** How long a plain command may take before the modem counts as not answering (default 5 s). */
  answerTimeoutMs?: number;
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
  /** The vendor family whose profile is in use. */
  profile: string | null;
  usb: UsbIdentity | null;
  queue: number;
  sentToday: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ModemCarrier implements Carrier, VoiceCarrier {
  readonly kind = 'modem' as const;
  private sink: CarrierSink | null = null;
  private running = false;
  private link: ModemLink | null = null;
  private path: string | null;
  private usb: UsbIdentity | null;
  private state: CarrierStatus['state'] = 'connecting';
  private detail: string | null = null;
  private oddity: { text: string; at: number } | null = null;
  private storageProblem: string | null = null;
  private signal: number | null = null;
  private operator: string | null = null;
  private registration: Registration = 'unknown';
  private sim = 'unknown';
  private identity: ModemIdentity | null = null;
  private profileName: string | null = null;
  private resetCommand: string | null = null;
  private lastResetAt = 0;
  private pinAllowed = true;
  private simLocked = false;
  private readonly sent = new SentToday();
  private readonly sender: ModemSender;
  private generation = 0;
  private profileId: ProfileId | null = null;
  /** Voice calls (plans' call step, call-back confirmations): modem/voice.ts. */
  private readonly voice: ModemVoice;

  constructor(private readonly o: ModemOptions) {
    this.path = o.path ?? null;
    this.voice = new ModemVoice(o.id, () => this.state === 'up', (text) => this.note(text));
    this.usb = o.usb ?? null;
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
    this.generation++;
    await this.disconnect();
    this.setState('disabled', 'Stopped.');
  }

  status(): CarrierStatus {
    const s = emptyStatus(this.o.id, 'modem', this.o.name);
    return { ...s, state: this.state, detail: this.currentDetail(), signal: this.signal, operator: this.operator, queue: this.sender.queued, sentToday: this.sent.count() };
  }

  modemDetail(): ModemDetail {
    const s = this.status();
    return {
      id: s.id, name: s.name, path: this.path, state: s.state, detail: s.detail, signal: s.signal, operator: s.operator,
      registration: this.registration, sim: this.sim, identity: this.identity, profile: this.profileName, usb: this.usb,
      queue: s.queue, sentToday: s.sentToday,
    };
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
    const sending = this.sender.send(sms, () => (this.link?.ready ? this.link.session : null));
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
          // A missing SIM may be pushed in any moment; a PIN or PUK needs a person: look now and then.
          await sleep(e.state === 'NO SIM' ? Math.min(max, 5_000) : max);
        } else if (e instanceof ModemStartingError) {
          this.setState('down', `${e.message} Trying again.`);
          await sleep(Math.min(max, 2_000));
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
    const transport = await this.openPort();
    if (generation !== this.generation) {
      await transport.close().catch(() => undefined);
      return;
    }
    const profile = this.o.profile ? profileById(this.o.profile) : undefined;
    const link = new ModemLink(transport, {
      modemId: this.o.id,
      ...(this.o.pin ? { pin: this.o.pin } : {}),
      ...(this.o.storage ? { storage: this.o.storage } : {}),
      ...(profile ? { profile } : {}),
      ...(this.o.bootGraceMs !== undefined ? { bootGraceMs: this.o.bootGraceMs } : {}),
      ...(this.o.answerTimeoutMs !== undefined ? { answerTimeoutMs: this.o.answerTimeoutMs } : {}),
      ...(this.resetCommand ? { resetCommand: this.resetCommand } : {}),
      lastResetAt: this.lastResetAt,
      pinAllowed: this.pinAllowed,
      watchdogMs: this.o.watchdogMs ?? 30_000,
      healthMs: this.o.healthMs ?? 60_000,
      reassemblyTimeoutMs: this.o.reassemblyTimeoutMs ?? 10 * 60_000,
    }, {
      state: (state, detail) => {
        if (this.link === link) this.setState(state, detail);
      },
      health: (h) => {
        this.signal = h.signal;
        this.operator = h.operator;
        this.registration = h.registration;
        this.emit();
      },
      setup: (r) => {
        this.sim = 'READY';
        this.simLocked = false;
        this.identity = r.identity;
        this.profileName = r.profile.family;
        this.resetCommand = r.profile.resetCommand;
        this.profileId = r.profile.id;
        // Every setup (a restart too) loses what voice switched on: attach again.
        if (this.link === link) this.voice.attach(link.session, this.profileId);
      },
      inbound: (sms) => this.sink!.inbound(sms, this.o.id),
      report: (pdu) => this.onReport(pdu),
      storageProblem: (detail) => {
        this.storageProblem = detail;
        this.emit();
      },
      note: (text) => this.note(text),
      reset: (at) => {
        this.lastResetAt = at;
      },
      lost: (reason) => {
        if (this.link !== link || !this.running) return;
        this.setState('down', reason);
        void this.disconnect().then(() => this.connectLoop());
      },
    });
    this.link = link;
    transport.onClose((err) => this.onPortClosed(link, err));
    await link.start();
  }

  voiceLines(): VoiceLine[] {
    return [this.voice];
  }

  onIncomingCall(listener: (call: IncomingCall) => void): () => void {
    return this.voice.onIncoming(listener);
  }

  /** Opens the configured port, or the same USB device under its new name. */
  private async openPort(): Promise<ModemTransport> {
    const path = this.path ?? this.o.path;
    let transport: ModemTransport;
    try {
      transport = await this.o.open(path ?? undefined);
    } catch (e) {
      const moved = await this.findMoved();
      if (!moved) throw e;
      transport = await this.o.open(moved);
    }
    if (!this.usb && this.o.list && this.path) this.usb = await identityOfPath(this.path, this.o.list);
    return transport;
  }

  private async findMoved(): Promise<string | null> {
    if (!this.usb || !this.o.list) return null;
    const found = await rediscover(this.usb, this.o.list);
    if (found.kind === 'ambiguous') {
      throw new Error(`its port ${this.path ?? ''} is gone and ${found.paths.length} ports (${found.paths.join(', ')}) look like it (${describeUsb(this.usb)}); choose one in the modem settings`);
    }
    if (found.kind !== 'found' || found.path === this.path) return null;
    this.note(`The modem came back as ${found.path} (was ${this.path ?? 'unknown'}); found by its USB identity ${describeUsb(this.usb)}.`);
    this.path = found.path;
    return found.path;
  }

  private onPortClosed(link: ModemLink, err: Error | null): void {
    if (link !== this.link || !this.running) return;
    this.setState('down', `The modem port closed${err ? ` (${err.message})` : ''}; reopening…`);
    void this.disconnect().then(() => this.connectLoop());
  }

  private async disconnect(): Promise<void> {
    const link = this.link;
    this.link = null;
    this.voice.release();
    if (link) await link.close();
  }

  private onReport(pdu: StatusReportPdu): void {
    // A +CDS can arrive in the same read as the +CMGS answer it reports on; the send records the
    // ref only when its await resumes. One turn of the event loop lets it.
    setImmediate(() => {
      this.sink?.report({
        ref: this.sender.refFor(pdu.messageRef),
        status: pdu.category,
        at: pdu.dischargedAt,
        ...(pdu.category === 'failed' ? { error: statusReason(pdu.status) } : {}),
      }, this.o.id);
    });
  }

  // ---- status ----

  private note(text: string): void {
    this.oddity = { text, at: Date.now() };
    this.emit();
  }

  private currentDetail(): string | null {
    if (this.detail) return this.storageProblem ? `${this.detail} ${this.storageProblem}` : this.detail;
    if (this.storageProblem) return this.storageProblem;
    if (this.registration === 'denied') return 'The network denied registration: check the SIM and its balance.';
    if (this.registration === 'searching' || this.registration === 'not-registered') return 'The modem is looking for a network.';
    // Recent oddities stay visible for ten minutes, then the detail clears itself.
    if (this.oddity && Date.now() - this.oddity.at < 10 * 60_000) return this.oddity.text;
    return null;
  }

  private setState(state: CarrierStatus['state'], detail: string | null): void {
    if (this.state === 'disabled' && !this.running && state !== 'disabled') return;
    this.state = state;
    this.detail = detail;
    this.emit();
  }

  private emit(): void {
    this.sink?.status(this.status());
  }
}
