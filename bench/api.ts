// Integration doors under load: REST sends per second (JSON POST /api/v1/send, 4 in flight), one
// SOAP SendMessages call with 1,000 msids, and the .asmx GET form as MTS scripts call it (Bearer;
// login + MD5 of an MTS password set on the key). Prints figures; never asserts timings.
// Runnable alone: `npx tsx bench/api.ts`.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createStation } from '../main/station/index.js';
import { ApiKeyRepository } from '../main/station/integrations/api-keys.js';

export async function benchApi(): Promise<Record<string, string | number>> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-api-'));
  const station = await createStation({
    dataDir: dir,
    port: 0,
    logLevel: 'silent',
    simulator: { deliveryLatencyMs: [5, 20], replyRate: 0 },
    integrations: { rateLimitPerMinute: 10_000_000, maxBodyBytes: 4 * 1024 * 1024 },
  });
  try {
    const key = new ApiKeyRepository(station.core.store.db).create('admin', 'bench').key;
    const auth = { authorization: `Bearer ${key}` };
    const phone = (i: number) => `7916${String(1_000_000 + i).padStart(7, '0')}`;

    const sends = 1000;
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < sends) {
        const i = next++;
        const res = await fetch(`${station.url}/api/v1/send`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ to: `+${phone(i)}`, text: `Сервер ${i} недоступен #bench` }),
        });
        if (res.status !== 202) throw new Error(`send ${i} answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    const restSeconds = (performance.now() - started) / 1000;

    const msids = Array.from({ length: 1000 }, (_, i) => `<string>${phone(50_000 + i)}</string>`).join('');
    const envelope = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><SendMessages xmlns="http://mcommunicator.ru/M2M"><msids>${msids}</msids><message>Учения в 10:00</message><naming></naming></SendMessages></soap:Body></soap:Envelope>`;
    const soapStarted = performance.now();
    const res = await fetch(`${station.url}/m2m/m2m_api.asmx`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/xml; charset=utf-8', soapaction: '"http://mcommunicator.ru/M2M/SendMessages"' },
      body: envelope,
    });
    const answer = await res.text();
    const soapMs = performance.now() - soapStarted;
    const ids = (answer.match(/<MessageID>/g) ?? []).length;
    if (res.status !== 200 || ids !== 1000) throw new Error(`SendMessages answered ${res.status} with ${ids} ids`);

    // The .asmx GET form, 4 in flight, one SMS per call.
    const asmx = async (calls: number, query: (i: number) => string, headers: Record<string, string>) => {
      let n = 0;
      const t0 = performance.now();
      const w = async () => {
        while (n < calls) {
          const i = n++;
          const r = await fetch(`${station.url}/m2m/m2m_api.asmx/SendMessage?${query(i)}`, { headers });
          if (r.status !== 200) throw new Error(`.asmx call ${i} answered ${r.status}: ${await r.text()}`);
          await r.arrayBuffer();
        }
      };
      await Promise.all([w(), w(), w(), w()]);
      return Math.round(calls / ((performance.now() - t0) / 1000));
    };
    const text = (i: number) => `msid=${phone(100_000 + i)}&message=${encodeURIComponent(`Авария ${i}`)}&naming=`;
    const bearerRate = await asmx(500, text, auth);
    const keys = station.core.integrations!.keys as unknown as { setM2m?: (id: number, c: object) => Promise<unknown>; list(): { id: number }[] };
    let md5Rate: number | string = 'n/a (no MTS sign-in in this version)';
    if (keys.setM2m) {
      await keys.setM2m(keys.list()[0]!.id, { login: 'bench', password: 'bench-password' });
      const md5 = createHash('md5').update('bench-password').digest('hex');
      md5Rate = await asmx(500, (i) => `${text(i)}&login=bench&password=${md5}`, {});
    }

    return {
      'REST POST /send, 1 recipient each, 4 in flight (sends/s)': Math.round(sends / restSeconds),
      'REST 1,000 sends total (s)': restSeconds.toFixed(2),
      'SOAP SendMessages with 1,000 msids (ms)': Math.round(soapMs),
      'SOAP SendMessages answer size (KiB)': Math.round(Buffer.byteLength(answer) / 1024),
      '.asmx GET SendMessage, Bearer, 4 in flight (calls/s)': bearerRate,
      '.asmx GET SendMessage, login + MD5, 4 in flight (calls/s)': md5Rate,
    };
  } finally {
    await station.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [k, v] of Object.entries(await benchApi())) console.log(`${k.padEnd(58)} ${v}`);
}
