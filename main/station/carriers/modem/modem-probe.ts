// "Is this the modem, and can it send?" for the admin screen: opens a port, asks the modem who
// it is and how it is (ATI, AT+CGMI, AT+CGMM, AT+CSQ, AT+CREG?, AT+CPIN?), closes the port, and
// says what that means. Read-only on purpose: no ATE0, no PIN, nothing the modem keeps.
import type { ProbeAnswer, ProbeResult, Registration } from '../../../../shared/protocol/index.js';
import { AtSession } from './at-session.js';
import { AtCommandError } from './errors.js';
import { parseCreg, signalPercent } from './modem-health.js';
import { fields } from './at-result.js';
import type { ModemPortOpener } from './transport.js';

const PROBES: ReadonlyArray<{ text: string; prefix?: string; takeAll?: boolean }> = [
  // ATI is free text, and some modems put +GCAP: lines in it (Huawei).
  { text: 'ATI', takeAll: true },
  { text: 'AT+CGMI' },
  { text: 'AT+CGMM' },
  { text: 'AT+CSQ', prefix: '+CSQ' },
  { text: 'AT+CREG?', prefix: '+CREG' },
  { text: 'AT+CPIN?', prefix: '+CPIN' },
];

export interface ProbeOptions {
  path: string;
  baudRate: number;
  open: ModemPortOpener;
  /** Per command; a modem answers these in well under a second. */
  timeoutMs?: number;
}

type Verdict = ProbeResult['verdict'];

export async function probeModem(o: ProbeOptions): Promise<ProbeResult> {
  const started = Date.now();
  const answers: ProbeAnswer[] = [];
  const unsolicited: string[] = [];
  const done = (verdict: Verdict): ProbeResult => ({ path: o.path, baudRate: o.baudRate, answers, unsolicited, verdict, tookMs: Date.now() - started });

  let transport;
  try {
    transport = await o.open();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return done(verdict('unreachable', false, `${why}. Check the path, that the modem is plugged in, and that no other program (ModemManager, another station) holds the port.`));
  }
  const session = new AtSession(transport, {
    urc: (u) => unsolicited.push(u.body ? `${u.line} ${u.body}` : u.line),
    unexpected: (line) => unsolicited.push(line),
  });
  try {
    // Leave a text-entry prompt someone else left open, then see whether anything answers at all.
    await session.escape().catch(() => undefined);
    const alive = await ask(session, { text: 'AT' }, o.timeoutMs ?? 2_000, answers);
    if (!alive.ok) {
      return done(verdict('silent', false, `Nothing on ${o.path} answered AT at ${o.baudRate} baud. A USB modem has several ports: try the next one (the AT port, not diagnostics or GPS), or another baud rate.`));
    }
    for (const p of PROBES) await ask(session, p, o.timeoutMs ?? 3_000, answers);
  } finally {
    session.close();
    await transport.close().catch(() => undefined);
  }
  return done(judge(answers));
}

async function ask(session: AtSession, command: { text: string; prefix?: string; takeAll?: boolean }, timeoutMs: number, answers: ProbeAnswer[]): Promise<ProbeAnswer> {
  let answer: ProbeAnswer;
  try {
    const r = await session.run({ ...command, timeoutMs });
    answer = { command: command.text, ok: true, lines: [...r.lines, 'OK'] };
  } catch (e) {
    const line = e instanceof AtCommandError
      ? e.family === 'timeout' ? '(no answer)' : e.family === 'closed' ? '(port closed)' : e.family === 'plain' ? e.text : `+${e.family.toUpperCase()} ERROR: ${e.text}`
      : `(${e instanceof Error ? e.message : String(e)})`;
    answer = { command: command.text, ok: false, lines: [line] };
  }
  answers.push(answer);
  return answer;
}

function verdict(code: Verdict['code'], ok: boolean, sentence: string, extra: Partial<Verdict> = {}): Verdict {
  return { code, ok, sentence, signal: null, registration: 'unknown', sim: null, ...extra };
}

function judge(answers: ProbeAnswer[]): Verdict {
  const of = (cmd: string) => answers.find((a) => a.command === cmd);
  const cpin = of('AT+CPIN?');
  const sim = cpin?.ok ? (cpin.lines[0] ?? '').replace(/^\+CPIN:\s*/, '').trim() || null : null;
  const csq = of('AT+CSQ');
  const signal = csq?.ok ? signalPercent(Number(fields(csq.lines[0] ?? '')[0])) : null;
  const creg = of('AT+CREG?');
  const registration: Registration = creg?.ok ? parseCreg(creg.lines[0] ?? '', true) : 'unknown';
  const facts = { signal, registration, sim };
  const cpinError = cpin && !cpin.ok ? cpin.lines[0] ?? '' : '';

  if (/CME ERROR: (10|SIM not inserted)/i.test(cpinError)) return verdict('no-sim', false, 'The modem answers, but there is no SIM card in it. Insert one and probe again.', facts);
  if (sim === 'SIM PIN') return verdict('sim-pin', false, 'The modem answers; its SIM asks for the PIN. Put the PIN in the route settings ("pin" in config.json); the station enters it once.', facts);
  if (sim === 'SIM PUK' || sim === 'PH-SIM PUK') return verdict('sim-puk', false, 'The SIM is blocked and needs its PUK. Unblock it in a phone; the station never sends a PUK.', facts);
  if (!cpin?.ok || (sim !== null && sim !== 'READY')) {
    return verdict('sim-error', false, `The modem answers, but the SIM is not ready (${sim ?? (cpinError || 'no answer to AT+CPIN?')}). Check the SIM card.`, facts);
  }
  if (registration !== 'home' && registration !== 'roaming') {
    return verdict('no-network', false, `The modem and SIM are ready, but it is not registered on a network (${registration}). Check the antenna, the SIM's service and its balance.`, facts);
  }
  if (signal === null || signal === 0) return verdict('no-signal', false, 'The modem is registered but reports no usable signal. Move it or its antenna and probe again.', facts);
  return verdict('ready', true, `The modem answers, the SIM is ready, it is registered (${registration}) with ${signal}% signal. It can carry a route.`, facts);
}
