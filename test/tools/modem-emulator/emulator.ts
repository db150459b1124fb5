// A GSM modem in software: the AT dialect the driver speaks, SIM storage, +CMTI for new SMS,
// +CDS for status reports, and the faults real modems show. It talks over any ModemTransport,
// in practice one end of a socat pty pair, so the driver under test uses the real serial stack.
import type { ModemTransport } from '../../../main/station/carriers/modem/transport.js';
import { buildDeliverPdus, buildStatusReportPdu } from '../../../main/station/carriers/modem/pdu/deliver.js';
import { decodePdu, type SubmitPduInfo } from '../../../main/station/carriers/modem/pdu/decode.js';
import { SimStorage } from './sim-storage.js';

export interface EmulatorFaults {
  /** Noise bytes and a garbled line before every reply, an unknown URC now and then. */
  garble: boolean;
  /** Delay before each reply. */
  slowMs: number;
  /** +CMS ERROR codes the next AT+CMGS commands answer, one each, in order. */
  cmsErrors: number[];
  /** Phone numbers every send to which fails with this +CMS ERROR. */
  failingNumbers: Map<string, number>;
  /** Answer nothing at all (a hung modem) until the port is reopened or AT+CFUN resets it. */
  deaf: boolean;
  /** Send `> ` but never end the PDU entry with a result (a stuck prompt). */
  stuckPrompt: boolean;
  /** Put a +CMTI URC in the middle of every AT+CMGL answer. */
  urcInResponse: boolean;
}

export interface SentSms {
  mr: number;
  pdu: string;
  decoded: SubmitPduInfo;
  at: number;
}

export interface EmulatorOptions {
  pin?: string;
  /** The SIM asks for this first: READY, SIM PIN or SIM PUK. */
  simState?: 'READY' | 'SIM PIN' | 'SIM PUK';
  storageCapacity?: number;
  /** Status (TP-ST) of the automatic delivery report after each requested send; null = none. */
  reportStatus?: number | null;
  reportDelayMs?: number;
  operator?: string;
  csq?: number;
}

export class ModemEmulator {
  readonly storage: SimStorage;
  readonly sent: SentSms[] = [];
  readonly commands: string[] = [];
  readonly faults: EmulatorFaults = { garble: false, slowMs: 0, cmsErrors: [], failingNumbers: new Map(), deaf: false, stuckPrompt: false, urcInResponse: false };
  /** Times a slot was deleted, by index: tests check the order against the sink's commit. */
  readonly deletions: Array<{ index: number; at: number }> = [];
  private echo = true;
  private simState: string;
  private buffer = '';
  private pduEntry: { length: number } | null = null;
  private mr = 0;
  private link: ModemTransport | null = null;
  private concatRef = 1;

  constructor(readonly options: EmulatorOptions = {}) {
    this.storage = new SimStorage(options.storageCapacity ?? 30);
    this.simState = options.simState ?? 'READY';
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

  /** A network-side SMS arrives: stored part by part, each announced with +CMTI. */
  receive(from: string, text: string, o: { sentAt?: number; zoneMinutes?: number; refBits?: 8 | 16 } = {}): number[] {
    const pdus = buildDeliverPdus({ from, text, sentAt: o.sentAt ?? Date.now(), zoneMinutes: o.zoneMinutes ?? 180, sca: '+79168999100', concatRef: this.concatRef++, refBits: o.refBits ?? 8 });
    const indexes: number[] = [];
    for (const pdu of pdus) {
      const index = this.storage.store(pdu);
      if (index === null) continue; // storage full: the network keeps it (we drop it)
      indexes.push(index);
      this.urc(`+CMTI: "SM",${index}`);
    }
    return indexes;
  }

  /** Sends anything raw to the driver (a URC, garbage). */
  inject(raw: string): void {
    void this.link?.write(raw).catch(() => undefined);
  }

  urc(line: string): void {
    this.inject(`\r\n${line}\r\n`);
  }

  private onData(text: string): void {
    for (const ch of text) {
      if (this.pduEntry) {
        if (ch === '\x1a') {
          const pdu = this.buffer.trim();
          this.buffer = '';
          this.pduEntry = null;
          void this.finishSubmit(pdu);
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
        if (this.echo) this.inject(`${line}\r`);
        if (line) void this.command(line);
      } else if (ch !== '\n') this.buffer += ch;
    }
  }

  private async reply(lines: string[]): Promise<void> {
    if (this.faults.deaf) return;
    if (this.faults.slowMs > 0) await new Promise((r) => setTimeout(r, this.faults.slowMs));
    let out = '';
    if (this.faults.garble) out += '\x00\xff\xfe\r\n#~garbled~#\r\n\r\n+ZZUNKNOWN: 7\r\n';
    for (const l of lines) out += `\r\n${l}\r\n`;
    this.inject(out);
  }

  private error(code: number): Promise<void> {
    return this.reply([`+CMS ERROR: ${code}`]);
  }

  private async command(line: string): Promise<void> {
    this.commands.push(line);
    const cmd = line.toUpperCase();
    if (this.faults.deaf && cmd !== 'AT+CFUN=1,1') return;
    if (cmd === 'AT') return this.reply(['OK']);
    if (cmd === 'ATI') return this.reply(['Manufacturer: Switchboard', 'Model: Emulated GSM Modem', 'Revision: EMU 1.0', 'OK']);
    if (cmd === 'ATE0' || cmd === 'ATE1') {
      this.echo = cmd === 'ATE1';
      return this.reply(['OK']);
    }
    if (cmd.startsWith('AT+CFUN=')) {
      this.faults.deaf = false;
      return this.reply(['OK']);
    }
    if (cmd.startsWith('AT+CMEE=')) return this.reply(['OK']);
    if (cmd === 'AT+CPIN?') return this.reply([`+CPIN: ${this.simState}`, 'OK']);
    if (cmd.startsWith('AT+CPIN=')) {
      const pin = line.slice(8).replace(/"/g, '');
      if (this.simState !== 'SIM PIN') return this.reply(['+CME ERROR: 3']);
      if (pin === this.options.pin) {
        this.simState = 'READY';
        return this.reply(['OK']);
      }
      return this.reply(['+CME ERROR: 16']);
    }
    if (this.simState !== 'READY' && !cmd.startsWith('AT+CG')) return this.reply([this.simState === 'SIM PIN' ? '+CME ERROR: 11' : '+CME ERROR: 12']);
    if (cmd === 'AT+CMGF=0' || cmd.startsWith('AT+CNMI=')) return this.reply(['OK']);
    if (cmd.startsWith('AT+CPMS=')) return this.reply([this.cpms(false), 'OK']);
    if (cmd === 'AT+CPMS?') return this.reply([this.cpms(true), 'OK']);
    if (cmd === 'AT+CGMI') return this.reply(['Switchboard', 'OK']);
    if (cmd === 'AT+CGMM') return this.reply(['Emulated GSM Modem', 'OK']);
    if (cmd === 'AT+CGSN') return this.reply(['356938035643809', 'OK']);
    if (cmd === 'AT+CSQ') return this.reply([`+CSQ: ${this.options.csq ?? 21},99`, 'OK']);
    if (cmd === 'AT+COPS?') return this.reply([`+COPS: 0,0,"${this.options.operator ?? 'Emulated Net'}",2`, 'OK']);
    if (cmd === 'AT+CREG?') return this.reply(['+CREG: 0,1', 'OK']);
    if (cmd.startsWith('AT+CMGS=')) {
      this.pduEntry = { length: Number(cmd.slice(8)) };
      if (!this.faults.deaf) this.inject('\r\n> ');
      return;
    }
    if (cmd === 'AT+CMGL=4' || cmd === 'AT+CMGL=0') {
      const lines: string[] = [];
      for (const [i, s] of this.storage.list()) {
        lines.push(`+CMGL: ${i},${s.stat},,${s.pdu.length / 2 - 1 - parseInt(s.pdu.slice(0, 2), 16)}`, s.pdu);
        if (this.faults.urcInResponse && lines.length === 2) lines.push('+CSQN: 20,99', '+CDS: 26', buildStatusReportPdu({ messageRef: 250, recipient: '+70000000000', submittedAt: Date.now(), dischargedAt: Date.now(), status: 0 }).hex);
      }
      return this.reply([...lines, 'OK']);
    }
    if (cmd.startsWith('AT+CMGR=')) {
      const s = this.storage.read(Number(cmd.slice(8)));
      if (!s) return this.error(321);
      return this.reply([`+CMGR: ${s.stat},,${s.pdu.length / 2 - 1 - parseInt(s.pdu.slice(0, 2), 16)}`, s.pdu, 'OK']);
    }
    if (cmd.startsWith('AT+CMGD=')) {
      const index = Number(cmd.slice(8).split(',')[0]);
      this.storage.delete(index);
      this.deletions.push({ index, at: Date.now() });
      return this.reply(['OK']);
    }
    return this.reply(['ERROR']);
  }

  private cpms(query: boolean): string {
    const u = `${this.storage.used},${this.storage.capacity}`;
    return query ? `+CPMS: "SM",${u},"SM",${u},"SM",${u}` : `+CPMS: ${u},${u},${u}`;
  }

  private async finishSubmit(hex: string): Promise<void> {
    if (this.faults.stuckPrompt) return;
    let decoded;
    try {
      decoded = decodePdu(hex);
    } catch {
      return this.error(304);
    }
    if (decoded.type !== 'submit') return this.error(304);
    const code = this.faults.cmsErrors.shift() ?? this.faults.failingNumbers.get(decoded.to);
    if (code !== undefined) return this.error(code);
    const mr = this.mr;
    this.mr = (this.mr + 1) & 0xff;
    this.sent.push({ mr, pdu: hex, decoded, at: Date.now() });
    await this.reply([`+CMGS: ${mr}`, 'OK']);
    const status = this.options.reportStatus === undefined ? 0 : this.options.reportStatus;
    if (decoded.requestReport && status !== null) {
      setTimeout(() => {
        const r = buildStatusReportPdu({ messageRef: mr, recipient: decoded.to, submittedAt: Date.now(), dischargedAt: Date.now(), status });
        this.inject(`\r\n+CDS: ${r.tpduLength}\r\n${r.hex}\r\n`);
      }, this.options.reportDelayMs ?? 5);
    }
  }
}
