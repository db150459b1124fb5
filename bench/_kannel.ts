// Kannel (Debian's `kannel` package: bearerbox + smsbox) as the peer of the REST door: its
// `sendsms` HTTP interface in front of an SMPP link to the same local SMSC our station uses.
// Configured in a temp dir on loopback with free ports; returns null (and why) when the
// binaries are not installed, so the bench prints the reason instead of failing.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BEARERBOX = ['/usr/sbin/bearerbox', '/usr/bin/bearerbox'];
const SMSBOX = ['/usr/sbin/smsbox', '/usr/bin/smsbox'];

export interface Kannel {
  /** `GET` this with `&to=…&text=…` to send one SMS. */
  sendsmsUrl: string;
  version: string;
  /** bearerbox's and smsbox's process ids, for their CPU time. */
  pids: number[];
  stop(): Promise<void>;
}

export function kannelMissing(): string | null {
  if (!BEARERBOX.some(existsSync)) return 'bearerbox is not installed (Debian package `kannel`)';
  if (!SMSBOX.some(existsSync)) return 'smsbox is not installed (Debian package `kannel`)';
  return null;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`Kannel did not answer at ${url} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export interface KannelSmsc {
  port: number;
  systemId: string;
  password: string;
  /** Kannel's max-pending-submits for this link (its SMPP window); 50 unless given. */
  window?: number;
}

/**
 * Starts bearerbox + smsbox against one SMPP SMSC on 127.0.0.1 (or several: one smsc group each,
 * which bearerbox shares the traffic between, pausing a throttled one for throttling-wait);
 * resolves once sendsms answers and every SMPP link is up.
 */
export async function startKannel(smscs: KannelSmsc | KannelSmsc[], options: { resendFreqS?: number; store?: 'spool' } = {}): Promise<Kannel> {
  const links = Array.isArray(smscs) ? smscs : [smscs];
  const bearerbox = BEARERBOX.find(existsSync)!;
  const smsbox = SMSBOX.find(existsSync)!;
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-kannel-'));
  const [adminPort, boxPort, sendsmsPort] = [await freePort(), await freePort(), await freePort()];
  const conf = join(dir, 'kannel.conf');
  if (options.store) mkdirSync(join(dir, 'store'));
  writeFileSync(
    conf,
    [
      'group = core',
      `admin-port = ${adminPort}`,
      'admin-password = bench',
      'admin-interface = 127.0.0.1',
      `smsbox-port = ${boxPort}`,
      'smsbox-interface = 127.0.0.1',
      'box-allow-ip = 127.0.0.1',
      'log-level = 4',
      `log-file = "${join(dir, 'bearerbox.log')}"`,
      // How soon a message that failed temporarily (throttled, a link lost) is tried again; Kannel's default is 60 s.
      ...(options.resendFreqS !== undefined ? [`sms-resend-freq = ${options.resendFreqS}`] : []),
      // A message store (a file per message in a spool directory): what bearerbox accepted survives
      // a restart, as our station's commit does; without it queued SMS live in memory only.
      ...(options.store ? [`store-type = ${options.store}`, `store-location = "${join(dir, 'store')}"`] : []),
      ...links.flatMap((smsc, i) => [
        '',
        'group = smsc',
        'smsc = smpp',
        `smsc-id = ${links.length === 1 ? 'local' : `local-${i + 1}`}`,
        'host = 127.0.0.1',
        `port = ${smsc.port}`,
        'transceiver-mode = true',
        `smsc-username = ${smsc.systemId}`,
        `smsc-password = ${smsc.password}`,
        'system-type = ""',
        'source-addr-ton = 5',
        'source-addr-npi = 0',
        `max-pending-submits = ${smsc.window ?? 50}`,
      ]),
      '',
      'group = smsbox',
      'bearerbox-host = 127.0.0.1',
      `bearerbox-port = ${boxPort}`,
      `sendsms-port = ${sendsmsPort}`,
      'sendsms-interface = 127.0.0.1',
      'log-level = 4',
      `log-file = "${join(dir, 'smsbox.log')}"`,
      '',
      'group = sendsms-user',
      'username = bench',
      'password = bench',
      'max-messages = 3',
      'concatenation = true',
      '',
      'group = sms-service',
      'keyword = default',
      'text = "No service specified"',
      'catch-all = true',
      '',
    ].join('\n'),
  );
  const procs: ChildProcess[] = [];
  const run = (bin: string) => {
    const p = spawn(bin, [conf], { cwd: dir, stdio: 'ignore' });
    procs.push(p);
    return p;
  };
  const stop = async () => {
    for (const p of procs.reverse()) {
      if (p.exitCode !== null || p.signalCode !== null) continue;
      const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
      p.kill('SIGTERM');
      const killed = setTimeout(() => p.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(killed);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run(bearerbox);
    await waitHttp(`http://127.0.0.1:${adminPort}/status.txt?password=bench`, 10_000);
    run(smsbox);
    const base = `http://127.0.0.1:${sendsmsPort}/cgi-bin/sendsms`;
    await waitHttp(`${base}?username=bench&password=bench`, 10_000);
    // Wait for the SMPP links: status.txt lists each SMSC "online" once bound.
    const deadline = Date.now() + 10_000;
    let status = '';
    while ((status.match(/online/g) ?? []).length < links.length) {
      if (Date.now() > deadline) throw new Error(`Kannel's SMPP link did not come up: ${status.slice(0, 400)}`);
      await new Promise((r) => setTimeout(r, 100));
      status = await (await fetch(`http://127.0.0.1:${adminPort}/status.txt?password=bench`)).text();
    }
    const version = /Kannel bearerbox version `([^']+)'/.exec(status)?.[1] ?? 'unknown';
    return { sendsmsUrl: `${base}?username=bench&password=bench&from=Dispatch`, version, pids: procs.flatMap((p) => (p.pid ? [p.pid] : [])), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
