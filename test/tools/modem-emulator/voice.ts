// Voice calls for the emulated modem: a layer between the pty and the SMS emulator that takes the
// voice commands (ATD…;, ATH, AT+CHUP, AT+CLCC, AT+CLIP, AT+COLP, AT+CRC) and passes everything
// else through untouched. Behaviour follows public sources, cited per rule:
// - SIM800 Series AT Command Manual V1.09 §2.2.3 ATD: "AT+COLP=0 … returns OK immediately after
//   dialling was completed, otherwise … OK, BUSY, NO DIAL TONE, NO CARRIER", plus NO ANSWER when
//   the remote station does not answer; "may be aborted … by receiving an ATH command or a
//   character during execution".
// - 3GPP TS 27.007 §7.18 +CLCC: `+CLCC: <id>,<dir>,<stat>,<mode>,<mpty>,"<number>",<type>`, stat
//   0 active, 2 dialling, 3 alerting, 4 incoming (SIM800 adds 6 disconnect).
// - 27.007 §7.6 +CLIP: after every RING, `+CLIP: <number>,<type>,<subaddr>,<satype>,<alpha>,<CLI
//   validity>`; validity 1 = withheld. V.250: RING repeats while the call rings.
// - ModemManager src/mm-base-call.c: during a call NO CARRIER, BUSY, NO ANSWER, NO DIALTONE come
//   unsolicited; src/mm-call-at.c hangs up with +CHLD=1x, else +CHUP.
// - SIMCom modules print NO CARRIER when an incoming caller gives up (SIM800 manual, ATA/RING).
import type { ModemTransport } from '../../../main/station/carriers/modem/transport.js';

export interface VoiceModel {
  /** AT+CLCC is answered (a modem without it says ERROR). */
  clcc: boolean;
  /** The hang-up commands this modem takes; any other answers ERROR. */
  hangup: string[];
  /** Time between two RINGs of an incoming call. */
  ringEveryMs: number;
  /** Said when an incoming caller gives up before anyone answered; null = nothing. */
  missedCallLine: string | null;
  /** How long the network lets a call ring before NO ANSWER. */
  networkNoAnswerMs: number;
}

export const VOICE_MODELS = {
  simcom: { clcc: true, hangup: ['ATH', 'AT+CHUP'], ringEveryMs: 3_000, missedCallLine: 'NO CARRIER', networkNoAnswerMs: 60_000 },
  generic: { clcc: false, hangup: ['ATH', 'AT+CHUP'], ringEveryMs: 3_000, missedCallLine: null, networkNoAnswerMs: 60_000 },
  /** A modem that ends voice calls only with AT+CHUP (ATH answers ERROR). */
  chupOnly: { clcc: true, hangup: ['AT+CHUP'], ringEveryMs: 3_000, missedCallLine: 'NO CARRIER', networkNoAnswerMs: 60_000 },
} satisfies Record<string, VoiceModel>;

/** What the phone at the far end does when rung. */
export type Callee =
  | { kind: 'answer'; afterMs: number }
  | { kind: 'busy'; afterMs: number }
  | { kind: 'ignore' }
  | { kind: 'unreachable' };

export interface OutgoingCall {
  to: string;
  at: number;
  answeredAt: number | null;
  endedAt: number | null;
  /** station: hung up by ATH/+CHUP; network: BUSY / NO ANSWER / NO CARRIER; aborted: a character during ATD. */
  endedBy: 'station' | 'network' | 'aborted' | null;
  result: string | null;
}

interface Active {
  log: OutgoingCall;
  stat: 0 | 2 | 3;
  /** ATD is still waiting for its final result (AT+COLP=1). */
  pendingFinal: boolean;
  timers: NodeJS.Timeout[];
}

interface Ringing {
  from: string | null;
  timer: NodeJS.Timeout;
  done: (how: 'rejected' | 'missed') => void;
}

export class EmulatorVoice {
  readonly calls: OutgoingCall[] = [];
  readonly commands: string[] = [];
  private readonly callees = new Map<string, Callee>();
  private active: Active | null = null;
  private ringing: Ringing | null = null;
  private clip = false;
  private colp = false;
  private echo = true;
  private buffer = '';
  private forward: ((chunk: Uint8Array) => void) | null = null;

  constructor(
    private readonly link: ModemTransport,
    readonly model: VoiceModel = VOICE_MODELS.simcom,
  ) {
    link.onData((chunk) => this.onData(chunk));
  }

  /** The transport the SMS emulator attaches to: the link minus the voice commands. */
  transport(): ModemTransport {
    return {
      write: (data) => this.link.write(data),
      onData: (listener) => {
        this.forward = listener;
      },
      onClose: (listener) => this.link.onClose(listener),
      close: () => this.link.close(),
    };
  }

  callee(phone: string, behaviour: Callee): void {
    this.callees.set(phone.replace(/[^\d+]/g, ''), behaviour);
  }

  /** Someone rings the modem; resolves when the station rejected the call or the caller gave up. */
  incomingCall(from: string, o: { rings?: number; withheld?: boolean } = {}): Promise<'rejected' | 'missed'> {
    if (this.ringing) throw new Error('already ringing');
    const rings = o.rings ?? 5;
    return new Promise((resolve) => {
      let left = rings;
      const ring = () => {
        if (left-- <= 0) {
          this.ringing = null;
          if (this.model.missedCallLine) this.urc(this.model.missedCallLine);
          resolve('missed');
          return;
        }
        this.urc('RING');
        if (this.clip) this.urc(o.withheld ? '+CLIP: "",128,"",,"",1' : `+CLIP: "${from}",${from.startsWith('+') ? 145 : 129},"",,"",0`);
        r.timer = setTimeout(ring, this.model.ringEveryMs);
      };
      const r: Ringing = {
        from: o.withheld ? null : from,
        timer: setTimeout(ring, 0),
        done: (how) => {
          clearTimeout(r.timer);
          this.ringing = null;
          resolve(how);
        },
      };
      this.ringing = r;
    });
  }

  stop(): void {
    if (this.active) this.end('station', null);
    if (this.ringing) this.ringing.done('missed');
  }

  // ---- the wire ----

  private onData(chunk: Uint8Array): void {
    const text = Buffer.from(chunk).toString('latin1');
    // Any character during a dial that waits for its result aborts it (SIM800 §2.2.3).
    if (this.active?.pendingFinal && text.length > 0) this.abortDial();
    for (const ch of text) {
      if (ch === '\x1a' || ch === '\x1b') {
        this.pass(this.buffer + ch);
        this.buffer = '';
      } else if (ch === '\r') {
        const line = this.buffer;
        this.buffer = '';
        if (!this.voiceCommand(line.trim())) this.pass(`${line}\r`);
      } else this.buffer += ch;
    }
  }

  private pass(text: string): void {
    const upper = text.trim().toUpperCase();
    if (upper === 'ATE0' || upper === 'ATE1') this.echo = upper === 'ATE1';
    this.forward?.(Buffer.from(text, 'latin1'));
  }

  private write(lines: string[]): void {
    void this.link.write(lines.map((l) => `\r\n${l}\r\n`).join('')).catch(() => undefined);
  }

  private urc(line: string): void {
    this.write([line]);
  }

  /** True when the line was a voice command (answered here, not passed on). */
  private voiceCommand(line: string): boolean {
    const cmd = line.toUpperCase();
    const voice = /^ATD[^;]*;$/.test(cmd) || cmd === 'ATH' || cmd === 'ATH0' || cmd === 'AT+CHUP' || /^AT\+(CLCC|CLIP|COLP|CRC)/.test(cmd);
    if (!voice) return false;
    this.commands.push(line);
    if (this.echo) void this.link.write(`${line}\r`).catch(() => undefined);
    if (cmd.startsWith('ATD')) this.dial(line.slice(3, -1));
    else if (cmd === 'ATH' || cmd === 'ATH0' || cmd === 'AT+CHUP') this.hangup(cmd === 'ATH0' ? 'ATH' : cmd);
    else if (cmd === 'AT+CLCC') this.write(this.model.clcc ? [...this.clccLines(), 'OK'] : ['ERROR']);
    else if (cmd.startsWith('AT+CLIP=')) {
      this.clip = cmd.endsWith('1');
      this.write(['OK']);
    } else if (cmd === 'AT+CLIP?') this.write([`+CLIP: ${this.clip ? 1 : 0},1`, 'OK']);
    else if (cmd.startsWith('AT+COLP=')) {
      this.colp = cmd.endsWith('1');
      this.write(['OK']);
    } else this.write(['OK']); // AT+CRC…
    return true;
  }

  private clccLines(): string[] {
    const out: string[] = [];
    if (this.active) out.push(`+CLCC: 1,0,${this.active.stat},0,0,"${this.active.log.to}",${this.active.log.to.startsWith('+') ? 145 : 129}`);
    if (this.ringing) out.push(`+CLCC: ${this.active ? 2 : 1},1,4,0,0,"${this.ringing.from ?? ''}",${this.ringing.from ? 145 : 128}`);
    return out;
  }

  private dial(number: string): void {
    if (this.active) return this.write(['ERROR']);
    const log: OutgoingCall = { to: number, at: Date.now(), answeredAt: null, endedAt: null, endedBy: null, result: null };
    this.calls.push(log);
    const a: Active = { log, stat: 2, pendingFinal: this.colp, timers: [] };
    this.active = a;
    if (!this.colp) this.write(['OK']);
    const later = (ms: number, fn: () => void) => a.timers.push(setTimeout(() => this.active === a && fn(), ms));
    const behaviour = this.callees.get(number) ?? { kind: 'ignore' as const };
    later(200, () => (a.stat = 3));
    if (behaviour.kind === 'answer') {
      later(behaviour.afterMs, () => {
        a.stat = 0;
        log.answeredAt = Date.now();
        if (a.pendingFinal) {
          a.pendingFinal = false;
          this.write([`+COLP: "${number}",${number.startsWith('+') ? 145 : 129}`, 'OK']);
        }
      });
    } else if (behaviour.kind === 'busy') later(behaviour.afterMs, () => this.end('network', 'BUSY'));
    else if (behaviour.kind === 'unreachable') later(300, () => this.end('network', 'NO CARRIER'));
    if (behaviour.kind !== 'busy' && behaviour.kind !== 'unreachable') {
      later(this.model.networkNoAnswerMs, () => a.stat !== 0 && this.end('network', 'NO ANSWER'));
    }
  }

  /** The call ends; the network's reason goes out as ATD's final result or unsolicited. */
  private end(by: 'station' | 'network' | 'aborted', result: string | null): void {
    const a = this.active;
    if (!a) return;
    for (const t of a.timers) clearTimeout(t);
    this.active = null;
    a.log.endedAt = Date.now();
    a.log.endedBy = by;
    a.log.result = result;
    if (result) this.write([result]);
  }

  private abortDial(): void {
    const a = this.active;
    if (!a) return;
    a.pendingFinal = false;
    this.end('aborted', 'NO CARRIER');
  }

  private hangup(cmd: string): void {
    if (!this.model.hangup.includes(cmd)) return this.write(['ERROR']);
    if (this.ringing) this.ringing.done('rejected');
    else if (this.active) this.end('station', null);
    this.write(['OK']);
  }
}
