// The AT command queue: one command in flight, each with its own timeout; URCs that arrive in
// the middle of a response are told apart from it and handed to whoever registered for them; the
// SMS prompt is answered with the PDU and Ctrl-Z, and a prompt left hanging is escaped with ESC.
//
// Correlation survives a late answer. A modem answers commands in order, so after a command
// timed out ("the orphan") every final result that arrives before anything else was sent is the
// orphan's. Before the next command goes out the session sends a sentinel whose information line
// the orphan cannot produce (+CSQ, or +CREG when the orphan was +CSQ): whatever final comes before
// that line is still the orphan's (its late answer), the final after it is the sentinel's, and
// from there on the session is in step again. The orphan's owner hears what became of it once,
// through `onLate`: answered, refused, or lost (no answer before the sentinel's, or port closed).
import { AtLineParser } from './at-parser.js';
import { parseFinal, type FinalResult } from './at-result.js';
import { UrcRegistry, type Urc, type UrcHandler } from './at-urcs.js';
import { AtCommandError } from './errors.js';
import type { ModemTransport } from './transport.js';

import type { AtCommand, AtResponse, AtRunner, LateOutcome } from './at-command.js';

export type { Urc, UrcHandler } from './at-urcs.js';
export type { AtCommand, AtResponse, AtRunner, LateOutcome } from './at-command.js';

const CTRL_Z = '\x1a';
const ESC = '\x1b';

export interface AtSessionEvents {
  /** Every URC, after the handlers registered for it (the probe collects them all). */
  urc?(urc: Urc): void;
  /** A line nobody expected (garbage that looked like text, an unknown URC). */
  unexpected?(line: string): void;
  /** The modem echoed a command after echo was switched off: it has restarted behind our back. */
  echo?(line: string): void;
  /** A URC handler threw. */
  handlerError?(error: unknown): void;
}

interface Lease {
  queue: Job[];
  open: boolean;
  timer?: NodeJS.Timeout;
}

interface Job {
  command: AtCommand;
  lines: string[];
  /** The last line taken was a prefixed header whose PDU line comes next. */
  bodyDue: boolean;
  resolve(r: AtResponse): void;
  reject(e: Error): void;
  timer?: NodeJS.Timeout;
  stage: 'queued' | 'sent' | 'prompt-wait' | 'pdu-sent';
  lease: Lease | null;
  /** The resynchronisation command (internal). */
  sentinel?: { prefix: string; seen: boolean };
}

interface LeaseRequest {
  lease: Lease;
  begin(): void;
  /** The port closed before its turn came. */
  cancel(e: Error): void;
}

interface Orphan {
  command: AtCommand;
  lines: string[];
}

export const DEFAULT_TIMEOUT_MS = 5_000;
const SENTINELS = [
  { text: 'AT+CSQ', prefix: '+CSQ' },
  { text: 'AT+CREG?', prefix: '+CREG' },
];

export interface AtSessionOptions {
  /** How long the sentinel waits for its answer after a timeout. */
  resyncTimeoutMs?: number;
  /** Timeout of a command that names none. */
  defaultTimeoutMs?: number;
}

export class AtSession implements AtRunner {
  private readonly parser = new AtLineParser();
  readonly urcs = new UrcRegistry();
  private readonly queue: Array<Job | LeaseRequest> = [];
  private current: Job | null = null;
  private lease: Lease | null = null;
  private orphan: Orphan | null = null;
  private urcHeader: { name: string; line: string } | null = null;
  private closedError: Error | null = null;
  /** Answers of sentinels we gave up on, still to come: their final is swallowed, not given to a command. */
  private strayPrefixes = new Map<string, number>();
  private swallowNextFinal = false;
  private lastPdu: string | null = null;
  private infoEnds: string[] = [];
  /** Echo was switched off (ATE0 answered OK): an echo now means the modem restarted. */
  echoOff = false;
  /** Epoch ms of the last byte from the modem. */
  lastReceived = Date.now();
  /** Epoch ms of the last final result: only a command's answer proves the modem alive. */
  lastAnswerAt = Date.now();
  /** Commands (and sentinels) that timed out since the last final result. */
  consecutiveTimeouts = 0;

  constructor(
    private readonly transport: ModemTransport,
    private readonly events: AtSessionEvents = {},
    private readonly options: AtSessionOptions = {},
  ) {
    transport.onData((chunk) => this.onData(chunk));
  }

  get noise(): number {
    return this.parser.noise;
  }

  /** Commands queued or in flight (leases included). */
  get pending(): number {
    const leased = this.lease ? this.lease.queue.length + 1 : 0;
    return this.queue.length + (this.current ? 1 : 0) + leased;
  }

  get closed(): boolean {
    return this.closedError !== null;
  }

  /** Profile data: information lines that end their command with no final result (Wavecom +CPIN:). */
  configure(o: { infoEndsCommand?: string[] }): void {
    if (o.infoEndsCommand) this.infoEnds = [...o.infoEndsCommand];
  }

  /** Listen to a URC (see UrcRegistry.on). */
  onUrc(prefix: string, handler: UrcHandler, o: { body?: boolean } = {}): () => void {
    return this.urcs.on(prefix, handler, o);
  }

  run(command: AtCommand): Promise<AtResponse> {
    return this.enqueue(command, null);
  }

  /**
   * Runs `fn` with the modem to itself: queued commands of others wait until it returns or `maxMs`
   * passes (then its further commands are refused). For a voice call's ATD…ATH, a PIN dialogue.
   */
  exclusive<T>(maxMs: number, fn: (runner: AtRunner) => Promise<T>): Promise<T> {
    if (this.closedError) return Promise.reject(new AtCommandError('exclusive', 'closed', null, 'closed'));
    return new Promise<T>((resolve, reject) => {
      const lease: Lease = { queue: [], open: true };
      const release = () => {
        if (!lease.open) return;
        lease.open = false;
        clearTimeout(lease.timer);
        for (const job of lease.queue.splice(0)) job.reject(new AtCommandError(job.command.text, 'closed', null, 'exclusive use ended'));
        if (this.lease === lease) this.lease = null;
        this.next();
      };
      this.queue.push({
        lease,
        begin: () => {
          lease.timer = setTimeout(release, maxMs);
          const runner: AtRunner = { run: (c) => (lease.open ? this.enqueue(c, lease) : Promise.reject(new AtCommandError(c.text, 'closed', null, 'exclusive use ended'))) };
          fn(runner).then(resolve, reject).finally(release);
        },
        cancel: reject,
      });
      this.next();
    });
  }

  /**
   * Writes a command past the queue and expects nothing back: a reset for a modem that no longer
   * answers (the queue may be waiting for a resynchronisation that will never come).
   */
  async sendBlind(text: string): Promise<void> {
    await this.transport.write(`${ESC}${text}\r`);
    await this.transport.drain?.();
  }

  /** Leaves text-entry mode if a previous run left the modem at the `> ` prompt. */
  escape(): Promise<void> {
    return this.transport.write(ESC);
  }

  /** Fails every queued command: the port is gone. A command still owed an answer is lost. */
  close(): void {
    this.closedError ??= new Error('closed');
    const jobs: Job[] = [];
    if (this.current) jobs.push(this.current);
    if (this.lease) jobs.push(...this.lease.queue.splice(0));
    for (const item of this.queue.splice(0)) {
      if ('command' in item) jobs.push(item);
      else {
        item.lease.open = false;
        item.cancel(new AtCommandError('exclusive', 'closed', null, 'closed'));
      }
    }
    if (this.lease) {
      this.lease.open = false;
      clearTimeout(this.lease.timer);
      this.lease = null;
    }
    this.current = null;
    for (const job of jobs) {
      clearTimeout(job.timer);
      const pduSent = job.stage === 'pdu-sent';
      job.reject(new AtCommandError(job.command.text, 'closed', null, 'closed', job.lines, pduSent));
    }
    // A submit whose PDU had left is in doubt for good: no answer can come on a closed port.
    const inFlight = jobs.find((j) => !j.sentinel && j.stage === 'pdu-sent');
    if (inFlight) this.settleOrphan({ command: inFlight.command, lines: inFlight.lines }, { kind: 'lost' });
    if (this.orphan) this.settleOrphan(this.orphan, { kind: 'lost' });
  }

  // ---- the queue ----

  private enqueue(command: AtCommand, lease: Lease | null): Promise<AtResponse> {
    if (this.closedError) return Promise.reject(new AtCommandError(command.text, 'closed', null, 'closed'));
    return new Promise((resolve, reject) => {
      const job: Job = { command, lines: [], bodyDue: false, resolve, reject, stage: 'queued', lease };
      const q: Array<Job | LeaseRequest> = lease ? lease.queue : this.queue;
      if (command.urgent) q.unshift(job);
      else q.push(job);
      this.next();
    });
  }

  /** The job that goes next, starting a lease whose turn it is. */
  private peek(): Job | undefined {
    while (!this.lease && this.queue[0] && !('command' in this.queue[0])) {
      const request = this.queue.shift() as LeaseRequest;
      if (!request.lease.open) continue;
      this.lease = request.lease;
      queueMicrotask(() => request.begin());
    }
    if (this.lease) return this.lease.queue[0];
    return this.queue[0] as Job | undefined;
  }

  private next(): void {
    if (this.current || this.closedError) return;
    const job = this.peek();
    // Starting a lease runs its holder, which may have started a command of its own already.
    if (!job || this.current) return;
    if (this.orphan) {
      this.startSentinel();
      return;
    }
    (job.lease ? job.lease.queue : this.queue).shift();
    this.start(job);
  }

  private start(job: Job): void {
    this.current = job;
    job.stage = job.command.pdu !== undefined ? 'prompt-wait' : 'sent';
    job.timer = setTimeout(() => this.timeout(job), job.command.timeoutMs ?? this.options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.transport.write(`${job.command.text}\r`).catch((e: Error) => this.finish(job, e));
  }

  private startSentinel(): void {
    const orphanPrefix = this.orphan?.command.prefix;
    const s = SENTINELS.find((x) => x.prefix !== orphanPrefix)!;
    const job: Job = {
      command: { text: s.text, prefix: s.prefix, timeoutMs: this.options.resyncTimeoutMs ?? 2_500 },
      lines: [], bodyDue: false, stage: 'queued', lease: null, sentinel: { prefix: s.prefix, seen: false },
      resolve: () => {
        if (this.orphan) this.settleOrphan(this.orphan, { kind: 'lost' });
      },
      reject: (e) => {
        // Nothing came back: the command waiting for the modem fails, the next one tries again.
        if (e instanceof AtCommandError && e.family === 'timeout') {
          this.strayPrefixes.set(s.prefix, (this.strayPrefixes.get(s.prefix) ?? 0) + 1);
          const waiting = this.peek();
          if (waiting) {
            (waiting.lease ? waiting.lease.queue : this.queue).shift();
            waiting.reject(new AtCommandError(waiting.command.text, 'timeout', null, 'timeout'));
          }
        }
      },
    };
    this.start(job);
  }

  private timeout(job: Job): void {
    if (this.current !== job) return;
    this.consecutiveTimeouts++;
    // A modem still waiting for PDU text would read our next command as message body.
    if (job.stage === 'prompt-wait' || job.stage === 'pdu-sent') this.transport.write(ESC).catch(() => undefined);
    if (!job.sentinel) this.orphan = { command: job.command, lines: [...job.lines] };
    this.finish(job, new AtCommandError(job.command.text, 'timeout', null, 'timeout', [...job.lines], job.stage === 'pdu-sent'));
  }

  private finish(job: Job, result: AtResponse | Error): void {
    if (this.current !== job) return;
    clearTimeout(job.timer);
    this.current = null;
    if (result instanceof Error) job.reject(result);
    else job.resolve(result);
    this.next();
  }

  private settleOrphan(orphan: Orphan, outcome: LateOutcome): void {
    if (this.orphan === orphan) this.orphan = null;
    try {
      orphan.command.onLate?.(outcome);
    } catch (e) {
      this.events.handlerError?.(e);
    }
  }

  // ---- what the modem says ----

  private onData(chunk: Uint8Array): void {
    this.lastReceived = Date.now();
    for (const token of this.parser.push(chunk)) {
      if (token.type === 'prompt') this.onPrompt();
      else this.onLine(token.text);
    }
  }

  private onPrompt(): void {
    const job = this.current;
    if (job && job.stage === 'prompt-wait' && job.command.pdu !== undefined) {
      job.stage = 'pdu-sent';
      this.lastPdu = job.command.pdu;
      this.transport.write(job.command.pdu + CTRL_Z).catch((e: Error) => this.finish(job, e));
      return;
    }
    // A prompt nobody asked for: leave text-entry mode at once.
    this.transport.write(ESC).catch(() => undefined);
    this.events.unexpected?.('>');
  }

  private onLine(line: string): void {
    if (this.urcHeader !== null) {
      const header = this.urcHeader;
      this.urcHeader = null;
      this.emitUrc({ name: header.name, line: header.line, body: line });
      return;
    }
    // Echo of our own command (before ATE0 takes effect, or a modem that ignores it).
    if (/^AT/i.test(line)) {
      if (this.echoOff) this.events.echo?.(line);
      return;
    }
    if (this.lastPdu !== null && line === this.lastPdu) return; // the PDU echoed after the prompt
    const final = parseFinal(line);
    if (final) {
      this.onFinal(line, final);
      return;
    }
    const job = this.current;
    const stray = this.strayPrefixes.size > 0 ? [...this.strayPrefixes.keys()].find((p) => line.startsWith(p)) : undefined;
    if (stray && !(job?.command.prefix && line.startsWith(job.command.prefix))) {
      this.takeStray(stray);
      return;
    }
    if (job?.sentinel && line.startsWith(job.sentinel.prefix)) {
      job.sentinel.seen = true;
      return;
    }
    if (job && !job.sentinel) {
      if (job.command.prefix && line.startsWith(job.command.prefix)) {
        job.lines.push(line);
        job.bodyDue = job.command.pduBodies === true;
        if (this.infoEnds.some((p) => line.startsWith(p))) this.finish(job, { lines: job.lines });
        return;
      }
      if (job.bodyDue && /^[0-9A-Fa-f]+$/.test(line)) {
        job.lines.push(line);
        job.bodyDue = false;
        return;
      }
    }
    if (this.orphan && this.orphan.command.prefix && line.startsWith(this.orphan.command.prefix) && (!job || job.sentinel)) {
      this.orphan.lines.push(line);
      return;
    }
    const urc = this.urcs.match(line);
    if (urc) {
      if (urc.body) this.urcHeader = { name: urc.name, line };
      else this.emitUrc({ name: urc.name, line });
      return;
    }
    // A command with a prefix answers only in prefixed lines; free text belongs to those without.
    if (job && !job.sentinel && !job.command.prefix && (job.command.takeAll || !/^[+^]/.test(line))) {
      job.lines.push(line);
      return;
    }
    this.events.unexpected?.(line);
  }

  private takeStray(prefix: string): void {
    const left = (this.strayPrefixes.get(prefix) ?? 1) - 1;
    if (left > 0) this.strayPrefixes.set(prefix, left);
    else this.strayPrefixes.delete(prefix);
    this.swallowNextFinal = true;
  }

  private onFinal(line: string, final: FinalResult): void {
    this.lastAnswerAt = Date.now();
    this.consecutiveTimeouts = 0;
    if (this.swallowNextFinal) {
      this.swallowNextFinal = false;
      return;
    }
    const job = this.current;
    // Before the sentinel's own line, and whenever nothing else is in flight, a final is the orphan's.
    if (this.orphan && (!job || (job.sentinel && !job.sentinel.seen))) {
      const orphan = this.orphan;
      this.settleOrphan(orphan, final.kind === 'ok'
        ? { kind: 'answered', lines: orphan.lines }
        : { kind: 'refused', error: new AtCommandError(orphan.command.text, final.family, final.code, final.text, orphan.lines) });
      return;
    }
    if (!job) {
      // No command in flight and no orphan: a registered listener may know it (NO CARRIER after a call).
      const urc = this.urcs.match(line);
      if (urc) this.emitUrc({ name: urc.name, line });
      else this.events.unexpected?.(line);
      return;
    }
    if (final.kind === 'ok') this.finish(job, { lines: job.lines });
    else this.finish(job, new AtCommandError(job.command.text, final.family, final.code, final.text, job.lines));
  }

  private emitUrc(urc: Urc): void {
    this.urcs.dispatch(urc, (e) => this.events.handlerError?.(e));
    this.events.urc?.(urc);
  }
}
