// Security case 4 (issue 14) for forged keys: a flood of requests with API keys that do not exist
// used to write one `api.auth.failed` audit line per request, and each guessed MTS login + MD5 cost
// a password check. Now an address may fail 10 times a minute (auth/key-failures.ts); after that its
// failures get 429 on REST and RATE_LIMIT_EXCEEDED (HTTP 500, Retry-After) on SOAP and the .asmx
// form, and the window is audited once. Sent as an outside script floods: curl --parallel from one
// loopback address, while curl from the same and from another address probes health and a good key.
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curl, freePort, run, startOrg, type Org } from '../tools/integrations-fixture.js';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const NS = 'http://mcommunicator.ru/M2M';
const LIMIT = 10;

let org: Org;
let base: string;

let smtpPort: number;

beforeAll(async () => {
  smtpPort = await freePort();
  org = await startOrg({ integrations: { smtp: { enabled: true, port: smtpPort, domains: ['sms.example.org'], senders: {} } } });
  base = org.station.url;
  const keys = org.station.core.integrations!.keys;
  const byUser = (login: string) => keys.list().find((k) => k.userLogin === login && !k.legacy)!;
  // Two old MTS sign-ins: the dispatcher's script has signed in before the flood, the admin's has not.
  await keys.setM2m(byUser('dispatcher').id, { login: 'disp-script', password: 'disp-script-pass' });
  await keys.setM2m(byUser('admin').id, { login: 'admin-script', password: 'admin-script-pass' });
}, 30_000);
afterAll(() => org?.stop());

const forged = () => `sb_${randomBytes(32).toString('base64url')}`;
let files = 0;

/** curl --parallel over a config of `urls` from `from`; how many answers of each HTTP status. */
async function flood(from: string, urls: string[], args: string[] = []): Promise<Map<number, number>> {
  const config = join(org.dir, `flood-${files++}.cfg`);
  writeFileSync(config, urls.map((u) => `url = "${u}"\noutput = "/dev/null"\n`).join(''));
  const { stdout } = await run('curl', ['-sS', '--parallel', '--parallel-max', '16', '--interface', from, '-w', '%{http_code}\\n', ...args, '-K', config], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const counts = new Map<number, number>();
  for (const s of stdout.trim().split('\n')) counts.set(Number(s), (counts.get(Number(s)) ?? 0) + 1);
  return counts;
}

/** One request timed by curl itself: status and seconds. */
async function probe(from: string, url: string, args: string[] = []): Promise<{ status: number; ms: number }> {
  const { stdout } = await run('curl', ['-sS', '--max-time', '10', '--interface', from, '-o', '/dev/null', '-w', '%{http_code} %{time_total}', ...args, url]);
  const [status, seconds] = stdout.split(' ');
  return { status: Number(status), ms: Math.round(Number(seconds) * 1000) };
}

/** Runs the probes one after another, 100 ms apart, until `done` settles; every answer and its time. */
async function probeWhile(done: Promise<unknown>, probes: Record<string, () => Promise<{ status: number; ms: number }>>) {
  const seen: Record<string, { status: number; ms: number }[]> = Object.fromEntries(Object.keys(probes).map((k) => [k, []]));
  let finished = false;
  void done.finally(() => (finished = true));
  while (!finished) {
    for (const [name, p] of Object.entries(probes)) seen[name]!.push(await p());
    await new Promise((r) => setTimeout(r, 100));
  }
  return seen;
}

function audited(action: string, target: string): number {
  return org.station.core.store.db.prepare('SELECT count(*) FROM audit WHERE action = ? AND target LIKE ?').pluck().get(action, target) as number;
}

const summary = (seen: Record<string, { status: number; ms: number }[]>) =>
  Object.entries(seen).map(([k, xs]) => `${k}: ${xs.length} probes (${xs.map((x) => x.ms).join(" ")} ms), worst ${Math.max(...xs.map((x) => x.ms))} ms, statuses ${[...new Set(xs.map((x) => x.status))].join('/')}`).join('; ');

describe('4. a flood of forged keys', () => {
  it('REST: 8,000 forged keys from one address get 401 ten times, then 429; audited once; health and a good key answer within 1 s from that address and another', async () => {
    const health = `${base}/api/v1/health`;
    const contacts = `${base}/api/v1/contacts`;
    const good = ['-H', `Authorization: Bearer ${org.adminKey}`];
    const started = performance.now();
    const flooding = flood('127.0.0.1', Array.from({ length: 8_000 }, () => `${contacts}?key=${forged()}`));
    const seen = await probeWhile(flooding, {
      health: () => probe('127.0.0.2', health),
      'good key, same address': () => probe('127.0.0.1', contacts, good),
      'good key, other address': () => probe('127.0.0.2', contacts, good),
    });
    const statuses = await flooding;
    const elapsed = performance.now() - started;
    console.log(`REST forged-key flood: ${[...statuses].map(([s, n]) => `${n}×${s}`).join(', ')} in ${Math.round(elapsed)} ms; ${summary(seen)}`);
    const windows = Math.floor(elapsed / 60_000) + 1;
    expect(statuses.get(401)).toBeLessThanOrEqual(LIMIT * windows);
    expect((statuses.get(401) ?? 0) + (statuses.get(429) ?? 0)).toBe(8_000);
    expect(audited('api.auth.failed', 'rest:127.0.0.1')).toBe(statuses.get(401));
    expect(audited('api.auth.limited', 'rest:127.0.0.1')).toBeLessThanOrEqual(windows);
    expect(audited('api.auth.limited', 'rest:127.0.0.1')).toBeGreaterThanOrEqual(1);
    for (const [name, xs] of Object.entries(seen)) {
      expect(xs.every((x) => x.status === 200), name).toBe(true);
      expect(Math.max(...xs.map((x) => x.ms)), name).toBeLessThan(1_000);
    }
    // What the flooding script reads: 429, when to try again, and why.
    const refused = await curl(contacts, ['--interface', '127.0.0.1', '-H', `Authorization: Bearer ${forged()}`]);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.json).toMatchObject({ error: { code: 'rate_limited', message: expect.stringContaining('Too many failed sign-ins from this address') } });
    // The one line says from where, how many and until when.
    const [line] = org.station.core.store.audit.recent(1, 'api.auth.limited');
    expect(line).toMatchObject({ target: 'rest:127.0.0.1', detail: { failures: LIMIT, windowSeconds: 60, until: expect.any(String) } });
  }, 180_000);

  it('SOAP and .asmx: forged tokens and guessed MTS passwords get INCORRECT_PASSWORD ten times, then RATE_LIMIT_EXCEEDED as HTTP 500; no password check while over; a good key and a script signed in before still answer', async () => {
    const asmx = `${base}/m2m/m2m_api.asmx`;
    const from = '127.0.0.3';
    // The dispatcher's script signed in before the flood (its login + MD5 was verified once).
    const script = `${asmx}/GetBalance?login=disp-script&password=${md5('disp-script-pass')}`;
    expect((await probe(from, script)).status).toBe(200);

    const envelope = (login: string, password: string) =>
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetBalance xmlns="${NS}"><login>${login}</login><password>${password}</password></GetBalance></soap:Body></soap:Envelope>`;
    const guess = join(org.dir, 'guess.xml');
    writeFileSync(guess, envelope('admin-script', md5('a guess')));
    const soapArgs = ['-H', 'Content-Type: text/xml; charset=utf-8', '--data-binary', `@${guess}`];
    const started = performance.now();
    const flooding = (async () => [
      await flood(from, Array.from({ length: 3_000 }, () => `${asmx}/GetBalance?login=&password=${randomBytes(18).toString('hex')}`)),
      await flood(from, Array.from({ length: 1_000 }, () => asmx), soapArgs),
    ])();
    const seen = await probeWhile(flooding, {
      health: () => probe('127.0.0.2', `${base}/api/v1/health`),
      'good key, same address': () => probe(from, `${asmx}/GetBalance?login=&password=${org.dispatcherKey}`),
      'script signed in before': () => probe(from, script),
    });
    const [form, soap] = await flooding;
    const elapsed = performance.now() - started;
    console.log(
      `M2M forged-key flood: .asmx ${[...form!].map(([s, n]) => `${n}×${s}`).join(', ')}, SOAP ${[...soap!].map(([s, n]) => `${n}×${s}`).join(', ')} in ${Math.round(elapsed)} ms; ${summary(seen)}`,
    );
    expect(form!.get(500)).toBe(3_000);
    expect(soap!.get(500)).toBe(1_000);
    for (const [name, xs] of Object.entries(seen)) {
      expect(xs.every((x) => x.status === 200), name).toBe(true);
      expect(Math.max(...xs.map((x) => x.ms)), name).toBeLessThan(1_000);
    }
    const windows = Math.floor(elapsed / 60_000) + 1;
    const failed = audited('api.auth.failed', `asmx:${from}`) + audited('api.auth.failed', `soap:${from}`);
    const limited = audited('api.auth.limited', `asmx:${from}`) + audited('api.auth.limited', `soap:${from}`);
    expect(failed).toBeLessThanOrEqual(LIMIT * windows);
    expect(limited).toBeGreaterThanOrEqual(1);
    expect(limited).toBeLessThanOrEqual(windows);

    // What a client reads now: the fault as the door gives its other refusals, with Retry-After.
    const form1 = await curl(`${asmx}/GetBalance?login=&password=${randomBytes(18).toString('hex')}`, ['--interface', from]);
    expect(form1.status).toBe(500);
    expect(form1.body).toMatch(/^RATE_LIMIT_EXCEEDED: Too many failed sign-ins from this address/);
    expect(Number(form1.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const soap1 = await curl(asmx, ['--interface', from, ...soapArgs]);
    expect(soap1.status).toBe(500);
    expect(soap1.body).toContain('<faultstring>RATE_LIMIT_EXCEEDED: Too many failed sign-ins from this address');
    expect(soap1.body).toContain('<description xmlns="http://mcommunicator.ru/M2M/">RATE_LIMIT_EXCEEDED</description>');
    // The admin's right password, never verified before, is not even checked from this address
    // while it is over its limit — it is from another one.
    writeFileSync(guess, envelope('admin-script', md5('admin-script-pass')));
    expect((await curl(asmx, ['--interface', from, ...soapArgs])).body).toContain('RATE_LIMIT_EXCEEDED');
    const elsewhere = await curl(asmx, ['--interface', '127.0.0.4', ...soapArgs]);
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body).toMatch(/<GetBalanceResult>\d+<\/GetBalanceResult>/);
  }, 180_000);

  it('SMTP AUTH: a monitor that keeps sending a wrong key gets 535 ten times, then 454; the right key from the same host still sends', async () => {
    const swaks = async (password: string) => {
      const args = ['--server', '127.0.0.1', '--port', String(smtpPort), '--local-interface', '127.0.0.5', '--hide-informational', '--auth', 'PLAIN', '--auth-user', 'zabbix', '--auth-password', password];
      const mail = ['--from', 'zabbix@example.org', '--to', '79160000001@sms.example.org', '--header', 'Subject: Узел недоступен', '--body', 'ПС-12'];
      return run('swaks', [...args, ...mail], { timeout: 30_000 }).then((r) => r.stdout, (e: { stdout: string }) => e.stdout);
    };
    // The server's answer to AUTH, as swaks prints the dialogue.
    const authAnswer = (out: string) => /-> AUTH [^\n]*\n<[-*~ ]+(\d{3})/.exec(out)?.[1] ?? out;
    const answers = (await Promise.all(Array.from({ length: 25 }, () => swaks(forged())))).map(authAnswer);
    const tally = (code: string) => answers.filter((a) => a === code).length;
    expect([tally('535'), tally('454')]).toEqual([LIMIT, 25 - LIMIT]);
    expect(audited('api.auth.failed', 'smtp:%127.0.0.5')).toBe(LIMIT);
    expect(audited('api.auth.limited', 'smtp:%127.0.0.5')).toBe(1);
    const good = await swaks(org.dispatcherKey);
    expect(authAnswer(good)).toBe('235');
    expect(good).toMatch(/<-\s+250 .*Queued/i);
    expect(org.station.core.store.db.prepare(`SELECT count(*) FROM messages WHERE text LIKE 'Узел недоступен%'`).pluck().get()).toBe(1);
  }, 120_000);
});
