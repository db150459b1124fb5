// Security case 9, the network half (issue 14): `--host 0.0.0.0` used to start silently, and there
// was no TLS. Now binding beyond loopback prints a one-line warning, and `--tls-self-signed`
// serves every route and the ws over TLS with a certificate made once in the data folder, whose
// fingerprint is printed; curl (an outside client) trusts it when given the certificate.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kill, startStationProcess, type StationProcess } from '../tools/station-process.js';
import { curl, run } from '../tools/integrations-fixture.js';

let station: StationProcess;
let dir: string;
let port: number;
let certFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sb-tls-'));
  station = await startStationProcess(['--data', dir, '--port', '0', '--empty', '--host', '0.0.0.0', '--tls-self-signed']);
  port = Number(new URL(station.url).port);
  certFile = join(dir, 'tls', 'cert.pem');
});
afterAll(async () => {
  if (station) await kill(station.child, 'SIGTERM');
});

describe('9. TLS and binding beyond loopback', () => {
  it('prints the https URL and the certificate\'s SHA-256 fingerprint, which is the file\'s', () => {
    expect(station.url).toMatch(/^https:\/\/0\.0\.0\.0:\d+$/);
    const printed = /SHA-256 fingerprint ([0-9A-F:]{95})/.exec(station.output())?.[1];
    expect(printed).toBe(new X509Certificate(readFileSync(certFile)).fingerprint256);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'tls', 'key.pem')).mode & 0o777).toBe(0o600);
  });

  it('does not warn about clear text when TLS is on, but does without it', async () => {
    expect(station.output()).not.toMatch(/without TLS/);
    const plain = await startStationProcess(['--data', mkdtempSync(join(tmpdir(), 'sb-tls-plain-')), '--port', '0', '--empty', '--host', '0.0.0.0']);
    try {
      const warnings = plain.output().split('\n').filter((l) => l.startsWith('Warning:'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/reachable from other machines, without TLS/);
    } finally {
      await kill(plain.child, 'SIGTERM');
    }
  });

  it('serves health, the REST API and the SOAP WSDL over https to curl trusting only that certificate', async () => {
    const base = `https://127.0.0.1:${port}`;
    const health = await curl(`${base}/api/v1/health`, ['--cacert', certFile]);
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({ ok: true });
    const wsdl = await curl(`${base}/soap?wsdl`, ['--cacert', certFile]);
    expect(wsdl.status).toBe(200);
    expect(wsdl.body).toContain('wsdl:definitions');
    expect(wsdl.body).toContain(`https://127.0.0.1:${port}/soap`);
    const asmx = await curl(`${base}/m2m/m2m_api.asmx/SendMessage`, ['--cacert', certFile, '--data', 'msid=79160000001&message=x&naming=x']);
    // Refused for want of credentials, as the .asmx refused: 500 with the MTS code (issue 15, case 7).
    expect(asmx.status).toBe(500);
    expect(asmx.body).toMatch(/^INCORRECT_PASSWORD: /);
  });

  it('refuses curl without the certificate (it is self-signed, nothing trusts it by default)', async () => {
    await expect(run('curl', ['-sS', '--max-time', '10', `https://127.0.0.1:${port}/api/v1/health`])).rejects.toMatchObject({ code: 60 });
  });

  it('speaks wss to a client that trusts the certificate, and nothing on plain http', async () => {
    const ws = new WebSocket(`wss://127.0.0.1:${port}/ws`, { ca: readFileSync(certFile) });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const reply = await new Promise<any>((resolve) => {
      ws.once('message', (raw) => resolve(JSON.parse(raw.toString())));
      ws.send(JSON.stringify({ id: 1, method: 'snapshot', params: {} }));
    });
    expect(reply).toMatchObject({ id: 1, ok: false, error: { code: 'unauthenticated' } });
    ws.close();
    await expect(fetch(`http://127.0.0.1:${port}/api/v1/health`)).rejects.toThrow();
  });

  it('keeps the same certificate across restarts, so workstations trust it once', async () => {
    const before = new X509Certificate(readFileSync(certFile)).fingerprint256;
    await kill(station.child, 'SIGTERM');
    station = await startStationProcess(['--data', dir, '--port', String(port), '--empty', '--tls-self-signed']);
    expect(new X509Certificate(readFileSync(certFile)).fingerprint256).toBe(before);
    expect(station.output()).toContain(before);
  });
});
