// A GSM modem in software, of a chosen vendor (vendors.ts): the AT dialect, SMS storages (SM, ME,
// SR), +CMTI/+CMT/+CDS/+CDSI as CNMI and CSMS say, boot and reboot with their URCs and lost
// settings, the vendor's quirks, and the faults real modems show. It talks over any
// ModemTransport, in practice one end of a socat pty pair, so the driver uses the real serial stack.
import type { ModemTransport } from '../../../main/station/carriers/modem/transport.js';
import { buildDeliverPdus } from '../../../main/station/carriers/modem/pdu/deliver.js';
import { decodePdu, type SubmitPduInfo } from '../../../main/station/carriers/modem/pdu/decode.js';
import { handleCommand } from './at-commands.js';
import { SimStorage } from './sim-storage.js';
import { SmsNetwork } from './sms-network.js';
import { VENDORS, type VendorId, type VendorModel } from './vendors.js';

export interface EmulatorFaults {
  /** Noise bytes and a garbled line before every reply, an unknown URC now and then. */
  garble: boolean;
  /** Delay before each reply. */
  slowMs: number;
  /** +CMS ERROR codes the next AT+CMGS commands answer, one each, in order. */
  cmsErrors: number[];
  /** Phone numbers every send to which fails with this +CMS ERROR. */
  failingNumbers: Map<string, number>;
  /** The AT interpreter hangs: nothing is answered (URCs still flow) until the vendor's reset command. */
  deaf: boolean;
  /** Send `> ` but never end the PDU entry with a result (a stuck prompt). */
  stuckPrompt: boolean;
  /** Put a +CMTI URC in the middle of every AT+CMGL answer. */
  urcInResponse: boolean;
  /** The +CMGS answer of the next submits comes this much later (after the driver's timeout). */
  cmgsDelayMs: number[];
  /** The next AT+CMGD commands fail (+CMS ERROR 500) and delete nothing: a crash between commit and delete. */
  cmgdFailures: number;
}

export interface SentSms {
  mr: number;
  pdu: string;
  decoded: SubmitPduInfo;
  at: number;
}

export interface EmulatorOptions {
  vendor?: VendorId;
  /** Changes to the vendor model for one test (e.g. a modem that only offers <mt>=2). */
  model?: Partial<VendorModel>;
  /** Power up with the vendor's boot sequence (else it starts ready). */
  boot?: boolean;
  pin?: string;
  /** The SIM asks for this first: READY, SIM PIN or SIM PUK. */
  simState?: 'READY' | 'SIM PIN' | 'SIM PUK';
  storageCapacity?: number;
  /** Status (TP-ST) of the automatic delivery report after each requested send; null = none. */
  reportStatus?: number | null;
  reportDelayMs?: number;
  operator?: string;
  csq?: number;
  /** How long a +CMT/+CDS waits for AT+CNMA when CSMS is 1 before the network gives up on it. */
  cnmaTimeoutMs?: number;
  /** When the network tries again after an unacknowledged or undeliverable SMS. */
  networkRetryMs?: number;
}

export interface Deletion {
  memory: string;
  index: number;
  pdu: string | null;
  at: number;
}

/** What the AT command handlers see and change. */
export interface ModemState {
  echo: boolean;
  cmee: number;
  cnmi: number[];
  csms: number;
  cscs: string;
  cmgf: number;
  /** mem1 (read, list, delete), mem2 (write, send), mem3 (receive). */
  cpms: [string, string, string];
  noiseOn: boolean;
  /** AT+CREG=<n>: 0, 1 (+CREG URCs) or 2 (with the cell's location); lost on reboot. */
  creg: number;
}

export class ModemEmulator {
  readonly model: VendorModel;
  readonly memories = new Map<string, SimStorage>();
  readonly sent: SentSms[] = [];
  readonly commands: string[] = [];
  readonly faults: EmulatorFaults = { garble: false, slowMs: 0, cmsErrors: [], failingNumbers: new Map(), deaf: false, stuckPrompt: false, urcInResponse: false, cmgsDelayMs: [], cmgdFailures: 0 };
  /** Slots deleted, in order, with when: tests check them against the sink's commits. */
  readonly deletions: Deletion[] = [];
  /** When AT+CNMA commands arrived. */
  readonly acks: number[] = [];
  /** The service centre address stored on the SIM (kept over reboots): MTS Moscow's. */
  smsc = '+79168999100';
  /** When the vendor's "SMS ready" moment was (the latest boot). */
  smsReadyAt = 0;
  state!: ModemState;
  simState: string;
  private buffer = '';
  private pduEntry: { length: number } | null = null;
  private mr = 0;
  private link: ModemTransport | null = null;
  private concatRef = 1;
  private poweredAt = 0;
  private bootTimers: NodeJS.Timeout[] = [];
  private noiseTimer: NodeJS.Timeout | null = null;
  /** The network side: what it holds back, what waits for +CNMA. */
  private readonly network = new SmsNetwork(this);
  stopped = false;
  /** One command at a time, as a modem's interpreter works: the next waits for the answer of this one. */
  private interpreter: Promise<void> = Promise.resolve();

  constructor(readonly options: EmulatorOptions = {}) {
    this.model = { ...VENDORS[options.vendor ?? 'generic'], ...options.model };
    for (const [name, size] of Object.entries(this.model.memories)) {
      this.memories.set(name, new SimStorage(name === 'SM' ? options.storageCapacity ?? size : size, this.model.indexBase));
    }
    this.simState = options.simState ?? 'READY';
    this.resetState();
    if (options.boot) this.powerOn();
    else this.smsReadyAt = Date.now();
    this.startNoise();
  }

  /** The SIM storage (SM). */
  get storage(): SimStorage {
    return this.memory('SM');
  }

  memory(name: string): SimStorage {
    const m = this.memories.get(name);
    if (!m) throw new Error(`${this.model.family} has no ${name} storage`);
    return m;
  }

  attach(link: ModemTransport): void {
    this.link = link;
    this.buffer = '';
    this.pduEntry = null;
    link.onData((chunk) => this.onData(Buffer.from(chunk).toString('latin1')));
  }

  detach(): void {
    this.link = null;
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.bootTimers) clearTimeout(t);
    if (this.noiseTimer) clearInterval(this.noiseTimer);
    this.network.reset();
  }

  // ---- the network side ----

  /** An SMS arrives from the network, part by part. Returns the slots it was stored in (if any). */
  receive(from: string, text: string, o: { sentAt?: number; zoneMinutes?: number; refBits?: 8 | 16; order?: number[]; class0?: boolean; memory?: string } = {}): number[] {
    const pdus = this.deliverPdus(from, text, o);
    const order = o.order ?? pdus.map((_, i) => i + 1);
    const indexes: number[] = [];
    for (const seq of order) {
      const index = this.deliver(pdus[seq - 1]!, { ...(o.class0 ? { class0: true } : {}), ...(o.memory ? { memory: o.memory } : {}) });
      if (index !== null) indexes.push(index);
    }
    return indexes;
  }

  /** The PDUs `receive` would deliver (for tests that check what was stored). */
  deliverPdus(from: string, text: string, o: { sentAt?: number; zoneMinutes?: number; refBits?: 8 | 16; class0?: boolean } = {}): string[] {
    const pdus = buildDeliverPdus({ from, text, sentAt: o.sentAt ?? Date.now(), zoneMinutes: o.zoneMinutes ?? 180, sca: '+79168999100', concatRef: this.concatRef++ & (o.refBits === 16 ? 0xffff : 0xff), refBits: o.refBits ?? 8 });
    // Class 0 (flash): TP-DCS bit 4 set with class bits 00 (23.038 §4).
    return o.class0 ? pdus.map(toClass0) : pdus;
  }

  /** One SMS-DELIVER from the network, routed as +CNMI <mt> and CSMS say (sms-network.ts). */
  deliver(pdu: string, o: { class0?: boolean; memory?: string } = {}): number | null {
    return this.network.deliver(pdu, o);
  }

  /** AT+CNMA: true when an acknowledgement was due. */
  acknowledge(): boolean {
    this.acks.push(Date.now());
    return this.network.acknowledge();
  }

  /** AT+CMGD freed a slot: the lines to answer after its OK. */
  deleted(memory: string, index: number, pdu: string | null): string[] {
    this.deletions.push({ memory, index, pdu, at: Date.now() });
    return this.network.deleted(memory, index);
  }

  /** The module is in PDU text entry (after `> `): the network's SMS wait. */
  get inTextEntry(): boolean {
    return this.pduEntry !== null;
  }

  /** Sends anything raw to the driver (a URC, garbage). */
  inject(raw: string): void {
    void this.link?.write(raw).catch(() => undefined);
  }

  urc(line: string): void {
    this.inject(`\r\n${line}\r\n`);
  }

  /** The module restarts with the port open (supply dip, watchdog, AT+CFUN=1,1): settings are gone. */
  reboot(o: { powerDownLine?: string; silent?: boolean } = {}): void {
    const line = o.powerDownLine ?? this.model.powerDownLine;
    if (line) this.urc(line);
    this.pduEntry = null;
    this.buffer = '';
    this.faults.deaf = false;
    this.network.reset();
    this.resetState();
    this.powerOn(o.silent ?? false);
  }

  // ---- state ----

  private resetState(): void {
    this.state = {
      echo: true, cmee: this.model.cmeeDefault, cnmi: [...this.model.cnmiDefault], csms: this.model.csmsDefault, cscs: this.model.cscsDefault, cmgf: 0, creg: 0,
      cpms: [this.firstMemory(0), this.firstMemory(1), this.firstMemory(2)], noiseOn: true,
    };
  }

  private firstMemory(list: number): string {
    const m = /\(([^)]*)\)/g;
    const lists = [...this.model.cpmsTest.matchAll(m)].map((x) => x[1]!.replace(/"/g, '').split(','));
    const offered = lists[list] ?? lists[0] ?? ['SM'];
    return offered.includes('SM') ? 'SM' : offered[0]!;
  }

  private powerOn(silentUrcs = false): void {
    for (const t of this.bootTimers) clearTimeout(t);
    this.bootTimers = [];
    this.poweredAt = Date.now();
    this.smsReadyAt = this.poweredAt + this.model.boot.smsReadyMs;
    if (!silentUrcs) {
      for (const [ms, line] of this.model.boot.urcs) this.bootTimers.push(setTimeout(() => this.urc(line), ms));
    }
    // What the network held back arrives once SMS works again.
    this.bootTimers.push(setTimeout(() => this.network.flushWaiting(), this.model.boot.smsReadyMs + 50));
  }

  /** Before the module is up it answers nothing. */
  get silent(): boolean {
    return Date.now() - this.poweredAt < this.model.boot.silentMs;
  }

  /** What AT+CPIN? says while the SIM is starting; null once ready. */
  simNotReadyAnswer(): string | null {
    const since = Date.now() - this.poweredAt;
    for (const [until, answer] of this.model.boot.simNotReady) if (since < until) return answer;
    return null;
  }

  get smsReady(): boolean {
    return Date.now() >= this.smsReadyAt;
  }

  private startNoise(): void {
    const noise = this.model.noise;
    if (!noise) return;
    let i = 0;
    this.noiseTimer = setInterval(() => {
      if (!this.state.noiseOn || this.silent) return;
      this.urc(noise.lines[i++ % noise.lines.length]!);
    }, noise.everyMs);
  }

  /** A string as the modem writes it in its current charset. */
  str(text: string): string {
    if (this.state.cscs !== 'UCS2') return text;
    return [...text].map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')).join('');
  }

  /** A string parameter as the modem reads it in its current charset; null when it is not valid there. */
  arg(raw: string): string | null {
    const v = raw.replace(/^"|"$/g, '');
    if (this.state.cscs !== 'UCS2') return v;
    if (!/^([0-9A-Fa-f]{4})+$/.test(v)) return null;
    let out = '';
    for (let i = 0; i < v.length; i += 4) out += String.fromCharCode(parseInt(v.slice(i, i + 4), 16));
    return out;
  }

  // ---- the wire ----

  private onData(text: string): void {
    for (const ch of text) {
      if (this.pduEntry) {
        if (ch === '\x1a') {
          const pdu = this.buffer.trim();
          this.buffer = '';
          this.pduEntry = null;
          this.interpret(() => this.finishSubmit(pdu));
        } else if (ch === '\x1b') {
          this.buffer = '';
          this.pduEntry = null; // escaped: no result, as real modems do
        } else this.buffer += ch;
        continue;
      }
      if (ch === '\x1b') continue;
      if (ch === '\r') {
        const line = this.buffer.trim();
        this.buffer = '';
        if (this.silent) continue;
        if (this.state.echo && !this.faults.deaf) this.inject(`${line}\r`);
        if (line) this.interpret(() => this.command(line));
      } else if (ch !== '\n') this.buffer += ch;
    }
  }

  private interpret(step: () => Promise<void>): void {
    this.interpreter = this.interpreter.then(step).catch(() => undefined);
  }

  async reply(lines: string[]): Promise<void> {
    if (this.faults.deaf) return;
    if (this.faults.slowMs > 0) await new Promise((r) => setTimeout(r, this.faults.slowMs));
    let out = '';
    if (this.faults.garble) out += '\x00\xff\xfe\r\n#~garbled~#\r\n\r\n+ZZUNKNOWN: 7\r\n';
    for (const l of lines) out += `\r\n${l}\r\n`;
    this.inject(out);
  }

  /** An error as +CMEE says: plain ERROR, or +CMS/+CME ERROR: <n>. */
  errorLine(family: 'cms' | 'cme', code: number): string {
    return this.state.cmee === 0 ? 'ERROR' : `+${family.toUpperCase()} ERROR: ${code}`;
  }

  private async command(line: string): Promise<void> {
    this.commands.push(line);
    const cmd = line.toUpperCase();
    if (this.faults.deaf) {
      // A hung interpreter: only the reset gets through (and restarts the module).
      if (cmd === this.model.resetCommand.toUpperCase()) this.reboot({ powerDownLine: '' });
      return;
    }
    return handleCommand(this, line, cmd);
  }

  // ---- SMS plumbing the command handlers call ----

  startSubmit(length: number): void {
    this.pduEntry = { length };
    this.inject('\r\n> ');
  }

  private async finishSubmit(hex: string): Promise<void> {
    if (this.faults.stuckPrompt) return;
    let decoded;
    try {
      decoded = decodePdu(hex);
    } catch {
      return this.reply([this.errorLine('cms', 304)]);
    }
    if (decoded.type !== 'submit') return this.reply([this.errorLine('cms', 304)]);
    const code = this.faults.cmsErrors.shift() ?? this.faults.failingNumbers.get(decoded.to);
    if (code !== undefined) return this.reply([this.errorLine('cms', code)]);
    const mr = this.mr;
    this.mr = (this.mr + 1) & 0xff;
    this.sent.push({ mr, pdu: hex, decoded, at: Date.now() });
    const delay = this.faults.cmgsDelayMs.shift();
    if (delay) await new Promise((r) => setTimeout(r, delay));
    await this.reply([`+CMGS: ${mr}`, 'OK']);
    this.network.flushWaiting();
    const status = this.options.reportStatus === undefined ? 0 : this.options.reportStatus;
    if (decoded.requestReport && status !== null) {
      setTimeout(() => this.network.statusReport(mr, decoded.to, status), this.options.reportDelayMs ?? 5);
    }
  }

  /** The TPDU length of a stored PDU, as +CMGL/+CMGR print it. */
  static tpduLength(pdu: string): number {
    return pdu.length / 2 - 1 - parseInt(pdu.slice(0, 2), 16);
  }
}

/** Sets TP-DCS to class 0 (bit 4 and class 00) keeping the alphabet. */
function toClass0(pdu: string): string {
  const bytes = Buffer.from(pdu, 'hex');
  let i = 1 + bytes[0]!; // SCA
  i += 1; // first octet
  const addrDigits = bytes[i]!;
  i += 2 + Math.ceil(addrDigits / 2); // length, type, digits
  i += 1; // PID
  bytes[i] = (bytes[i]! & 0x0c) | 0x10;
  return bytes.toString('hex').toUpperCase();
}
