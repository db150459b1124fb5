// The modem driver beside its peer: gammu-smsd (Debian's `gammu-smsd`, files backend) and our
// modem carrier each send the same Cyrillic SMS, one after another, through the same emulated
// modem on a socat pty with no air delay, reports requested. Counted from the first +CMGS the
// modem answers to the last, so Gammu's start-up (its probing, ~4 s) is left out. Each PDU is
// decoded on the modem's side: what arrived, how many twice, and whether it says what was sent.
// Gammu's own pace is by design: ATGEN_SendSMS (gammu/gammu libgammu/phone/at/at-sms.c) sleeps
// 100 ms after the "> " prompt, 500 ms after the PDU and 100 ms after Ctrl-Z, and each smsd loop
// (smsd/core.c) checks the network (AT+CREG=2, AT+CREG=1) before the next SMS; about 1.4 SMS/s.
// A real modem adds 1–4 s of air time per SMS to both.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createModemCarrier } from '../main/station/carriers/modem/index.js';
import { startEmulatedModem, type EmulatedModem } from '../test/tools/modem-emulator/harness.js';

const SMSD = '/usr/bin/gammu-smsd';
const INJECT = '/usr/bin/gammu-smsd-inject';
const N = 60;
const PHONE = '+79161234567';
const text = (i: number) => `Авария на ПС-${i}: бригаде прибыть к воротам Б`;

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** SMS per second between the first and the last answered +CMGS; what arrived, twice, and wrong. */
function tally(modem: EmulatedModem) {
  const sent = modem.emulator.sent.slice(0, N);
  const seconds = (sent.at(-1)!.at - sent[0]!.at) / 1000;
  const texts = sent.map((s) => s.decoded.text);
  const wanted = new Set(Array.from({ length: N }, (_, i) => text(i)));
  return {
    perSecond: Math.round(((sent.length - 1) / seconds) * 10) / 10,
    twice: texts.length - new Set(texts).size,
    wrong: texts.filter((t) => !wanted.has(t)).length,
  };
}

async function ours(): Promise<ReturnType<typeof tally>> {
  const modem = await startEmulatedModem({ reportStatus: null });
  const carrier = createModemCarrier({ id: 'bench', name: 'Bench modem', path: modem.stationPath });
  try {
    await carrier.start({ inbound: async () => undefined, report: () => undefined, status: () => undefined });
    await until(() => carrier.status().state === 'up', 10_000, 'our driver to set the modem up');
    for (let i = 0; i < N; i++) await carrier.send({ messageId: i, phone: PHONE, text: text(i), requestReport: true });
    return tally(modem);
  } finally {
    await carrier.stop();
    await modem.stop();
  }
}

async function gammu(): Promise<ReturnType<typeof tally> & { version: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-gammu-'));
  const modem = await startEmulatedModem({ reportStatus: null });
  const folders = ['inbox', 'outbox', 'sent', 'error'].map((f) => join(dir, f) + '/');
  folders.forEach((f) => mkdirSync(f));
  const config = join(dir, 'smsdrc');
  writeFileSync(
    config,
    [
      '[gammu]', `device = ${modem.stationPath}`, 'connection = at',
      '[smsd]', 'service = files', `inboxpath = ${folders[0]}`, `outboxpath = ${folders[1]}`,
      `sentsmspath = ${folders[2]}`, `errorsmspath = ${folders[3]}`, `logfile = ${join(dir, 'smsd.log')}`,
      // As fast as it goes: no pause between loops, no battery or signal reads, a report asked for.
      'loopsleep = 0', 'checkbattery = 0', 'checksignal = 0', 'checksecurity = 0', 'deliveryreport = sms', '',
    ].join('\n'),
  );
  for (let i = 0; i < N; i++) {
    const r = spawnSync(INJECT, ['-c', config, 'TEXT', PHONE, '-unicode', '-text', text(i)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`gammu-smsd-inject failed: ${r.stderr || r.stdout}`);
  }
  const version = spawnSync(SMSD, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]?.trim() ?? '?';
  const smsd = spawn(SMSD, ['-c', config], { stdio: 'ignore' });
  try {
    await until(() => modem.emulator.sent.length >= N && readdirSync(folders[2]!).length >= N, 5 * 60_000, `gammu-smsd to send ${N} SMS`);
    return { ...tally(modem), version };
  } finally {
    smsd.kill('SIGTERM');
    await new Promise((r) => (smsd.exitCode !== null ? r(null) : smsd.once('exit', r)));
    await modem.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchModemPeer(): Promise<Record<string, string | number>> {
  const a = await ours();
  const figures: Record<string, string | number> = {
    'modem vs gammu: ours, SMS/s (sequential, report asked)': a.perSecond,
    'modem vs gammu: ours, twice / not as sent': `${a.twice} / ${a.wrong}`,
  };
  if (!existsSync(SMSD) || !existsSync(INJECT)) return { ...figures, 'modem vs gammu: gammu-smsd': 'not installed (Debian package `gammu-smsd`)' };
  const g = await gammu();
  return {
    ...figures,
    'modem vs gammu: gammu-smsd, SMS/s': g.perSecond,
    'modem vs gammu: gammu-smsd, twice / not as sent': `${g.twice} / ${g.wrong}`,
    'modem vs gammu: ours ÷ gammu-smsd': Math.round((a.perSecond / g.perSecond) * 10) / 10,
    'modem vs gammu: setup': `${N} UCS-2 SMS to one emulated modem (socat pty, no air delay); ${g.version}`,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [k, v] of Object.entries(await benchModemPeer())) console.log(`${k}: ${v}`);
}
