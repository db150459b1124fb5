// The AT command queue: one command in flight, each with its own timeout; URCs that arrive in
// the middle of a response are told apart from it and handed on; the SMS prompt is answered with
// the PDU and Ctrl-Z, and a prompt left hanging (timeout, or a prompt nobody asked for) is
// escaped with ESC, so a modem stuck in text-entry mode does not swallow the next commands.
import { AtLineParser } from './at-parser.js';
import { parseFinal, urcHasBody, urcName } from './at-result.js';
import { AtCommandError } from './errors.js';
import type { ModemTransport } from './transport.js';

const CTRL_Z = '\x1a';
const ESC = '\x1b';

export interface AtCommand {
  text: string;
  timeoutMs?: number;
  /** Information lines of this command start with it (e.g. '+CSQ'); other +/^ lines are URCs. */
  prefix?: string;
  /** For AT+CMGS: the PDU to write after the `> ` prompt. */
  pdu?: string;
  /** Each prefixed line is followed by one PDU line that belongs to it (+CMGL, +CMGR). */
  pduBodies?: boolean;
}

export interface AtResponse {
  lines: string[];
}

export interface Urc {
  name: string;
  line: string;
  /** The PDU line of a two-line URC (+CMT, +CDS). */
  body?: string;
}

export interface AtSessionEvents {
  urc(urc: Urc): void;
  /** A line nobody expected (garbage that looked like text, an unknown URC). */
  unexpected(line: string): void;
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
}

export const DEFAULT_TIMEOUT_MS = 5_000;

export class AtSession {
  private readonly parser = new AtLineParser();
  private readonly queue: Job[] = [];
  private current: Job | null = null;
  private urcHeader: string | null = null;
  private closedError: Error | null = null;
  /** Epoch ms of the last byte from the modem: the watchdog reads it. */
  lastReceived = Date.now();

  constructor(
    private readonly transport: ModemTransport,
    private readonly events: AtSessionEvents,
  ) {
    transport.onData((chunk) => this.onData(chunk));
  }

  get noise(): number {
    return this.parser.noise;
  }

  get pending(): number {
    return this.queue.length + (this.current ? 1 : 0);
  }

  run(command: AtCommand): Promise<AtResponse> {
    if (this.closedError) return Promise.reject(new AtCommandError(command.text, 'closed', null, 'closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ command, lines: [], bodyDue: false, resolve, reject, stage: 'queued' });
      this.next();
    });
  }

  /** Leaves text-entry mode if a previous run left the modem at the `> ` prompt. */
  escape(): Promise<void> {
    return this.transport.write(ESC);
  }

  /** Fails every queued command: the port is gone. */
  close(): void {
    this.closedError ??= new Error('closed');
    const jobs = [...(this.current ? [this.current] : []), ...this.queue];
    this.current = null;
    this.queue.length = 0;
    for (const job of jobs) {
      clearTimeout(job.timer);
      job.reject(new AtCommandError(job.command.text, 'closed', null, 'closed'));
    }
  }

  private next(): void {
    if (this.current || this.closedError) return;
    const job = this.queue.shift();
    if (!job) return;
    this.current = job;
    job.stage = job.command.pdu !== undefined ? 'prompt-wait' : 'sent';
    job.timer = setTimeout(() => this.timeout(job), job.command.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.transport.write(`${job.command.text}\r`).catch((e: Error) => this.finish(job, e));
  }

  private timeout(job: Job): void {
    if (this.current !== job) return;
    // A modem still waiting for PDU text would read our next command as message body.
    if (job.stage === 'prompt-wait' || job.stage === 'pdu-sent') this.transport.write(ESC).catch(() => undefined);
    this.finish(job, new AtCommandError(job.command.text, 'timeout', null, 'timeout'));
  }

  private finish(job: Job, result: AtResponse | Error): void {
    if (this.current !== job) return;
    clearTimeout(job.timer);
    this.current = null;
    if (result instanceof Error) job.reject(result);
    else job.resolve(result);
    this.next();
  }

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
      this.transport.write(job.command.pdu + CTRL_Z).catch((e: Error) => this.finish(job, e));
      return;
    }
    // A prompt nobody asked for: leave text-entry mode at once.
    this.transport.write(ESC).catch(() => undefined);
    this.events.unexpected('>');
  }

  private onLine(line: string): void {
    if (this.urcHeader !== null) {
      const header = this.urcHeader;
      this.urcHeader = null;
      this.events.urc({ name: urcName(header) ?? header, line: header, body: line });
      return;
    }
    // Echo of our own command (before ATE0 takes effect, or a modem that ignores it).
    if (/^AT/i.test(line)) return;
    const job = this.current;
    if (job) {
      const final = parseFinal(line);
      if (final) {
        if (final.kind === 'ok') this.finish(job, { lines: job.lines });
        else this.finish(job, new AtCommandError(job.command.text, final.family, final.code, final.text));
        return;
      }
      if (job.command.prefix && line.startsWith(job.command.prefix)) {
        job.lines.push(line);
        job.bodyDue = job.command.pduBodies === true;
        return;
      }
      if (job.bodyDue && /^[0-9A-Fa-f]+$/.test(line)) {
        job.lines.push(line);
        job.bodyDue = false;
        return;
      }
    }
    const urc = urcName(line);
    if (urc) {
      if (urcHasBody(line)) this.urcHeader = line;
      else this.events.urc({ name: urc, line });
      return;
    }
    // A command with a prefix answers only in prefixed lines; free text belongs to those without.
    if (job && !job.command.prefix && !/^[+^]/.test(line)) {
      job.lines.push(line);
      return;
    }
    this.events.unexpected(line);
  }
}
