// Security cases 1 and 2 (issue 14): what a web page on another origin can do to a running station.
// 1. A ws upgrade with `Origin: null` (a sandboxed iframe on any site) used to throw in the upgrade
//    handler and end the process; now it is refused with 403 and the station keeps answering.
// 2. DNS rebinding (Host = Origin = the attacker's name resolving to 127.0.0.1) used to pass the
//    Origin-equals-Host check; now a Host the station does not answer to gets 421.
// The last test puts a real page in Debian's Chromium on another origin and lets it try.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { startStationProcess, kill, type StationProcess } from '../tools/station-process.js';
import { rawRequest, upgradeLines } from '../tools/raw-http.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let station: StationProcess;
let port: number;

beforeAll(async () => {
  station = await startStationProcess(['--data', mkdtempSync(join(tmpdir(), 'sb-origins-')), '--port', '0', '--empty']);
  port = Number(new URL(station.url).port);
});
afterAll(async () => {
  if (station) await kill(station.child, 'SIGTERM');
});

async function healthy(): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
  return res.status === 200 && ((await res.json()) as { ok: boolean }).ok;
}

describe('1. hostile upgrades and requests cannot stop the station', () => {
  it('refuses a ws upgrade with Origin: null with 403, and the process keeps serving', async () => {
    const answer = await rawRequest(port, upgradeLines(`127.0.0.1:${port}`, 'null'));
    expect(answer.status).toBe(403);
    expect(station.child.exitCode).toBeNull();
    expect(await healthy()).toBe(true);
  });

  it('answers every malformed Origin, Host and target without dying', async () => {
    const host = `127.0.0.1:${port}`;
    const cases: [string, string[], number | 'closed'][] = [
      ['origin ::::', upgradeLines(host, '::::'), 403],
      ['origin file://', upgradeLines(host, 'file:///etc/passwd'), 403],
      ['origin with spaces', upgradeLines(host, 'http://a b'), 403],
      ['origin 10 kB', upgradeLines(host, `http://${'a'.repeat(10_000)}.example`), 403],
      ['host garbage', upgradeLines('[::zz', `http://127.0.0.1:${port}`), 421],
      ['upgrade on another path', upgradeLines(host, null, '/api/v1/health'), 404],
      ['upgrade with an absolute target', upgradeLines(host, null, 'http://evil.example/ws'), 404],
      ['protocol-relative target', ['GET //evil.example/x HTTP/1.1', `Host: ${host}`], 400],
      ['broken percent-encoding in a route parameter', ['GET /api/v1/messages/%E0%A4%A HTTP/1.1', `Host: ${host}`], 400],
      ['broken percent-encoding in a file path', ['GET /assets/%ZZ HTTP/1.1', `Host: ${host}`], 400],
      ['empty Host', ['GET /api/v1/health HTTP/1.1', 'Host: '], 421],
      ['not HTTP at all', ['\x16\x03\x01 hello'], 400],
    ];
    for (const [what, lines, status] of cases) {
      const answer = await rawRequest(port, lines);
      expect(answer.status, what).toBe(status);
    }
    expect(station.child.exitCode).toBeNull();
    expect(await healthy()).toBe(true);
    expect(station.output()).not.toMatch(/TypeError|Invalid URL|uncaught/i);
  });
});

describe('2. DNS rebinding', () => {
  it('refuses a ws upgrade whose Host and Origin are both the attacker\'s name (421)', async () => {
    const answer = await rawRequest(port, upgradeLines(`rebind.evil.example:${port}`, `http://rebind.evil.example:${port}`));
    expect(answer.status).toBe(421);
  });

  it('refuses plain HTTP under the attacker\'s name too, so a rebound page reads nothing', async () => {
    const answer = await rawRequest(port, ['GET /api/v1/health HTTP/1.1', `Host: rebind.evil.example:${port}`]);
    expect(answer.status).toBe(421);
  });

  it('refuses a page from the same name on another port (another local web server)', async () => {
    const answer = await rawRequest(port, upgradeLines(`127.0.0.1:${port}`, `http://127.0.0.1:${port + 1}`));
    expect(answer.status).toBe(403);
  });

  it('accepts its own origins: 127.0.0.1, localhost, no Origin (a script)', async () => {
    for (const [host, origin] of [
      [`127.0.0.1:${port}`, `http://127.0.0.1:${port}`],
      [`localhost:${port}`, `http://localhost:${port}`],
      [`127.0.0.1:${port}`, null],
    ] as const) {
      const answer = await rawRequest(port, upgradeLines(host, origin));
      expect(answer.status, `${host} ${origin}`).toBe(101);
    }
  });
});

describe('a page in Debian\'s Chromium on another origin', () => {
  let browser: Browser;
  let evil: Server;
  let evilUrl: string;

  beforeAll(async () => {
    // The attacker's page: it tries to open the control room's ws and reports what happened.
    evil = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><title>evil</title><script>
        window.result = new Promise((resolve) => {
          const ws = new WebSocket('ws://127.0.0.1:${port}/ws');
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        });
      </script>`);
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    evil?.close();
  });

  it('cannot open the ws from its own origin, while the station\'s own page can', async () => {
    const page = await browser.newPage();
    await page.goto(evilUrl);
    expect(await page.evaluate(() => (window as unknown as { result: Promise<string> }).result)).toBe('refused');
    // The same script on the station's own origin connects: the refusal is about the origin.
    await page.goto(`http://127.0.0.1:${port}/api/v1/health`);
    const own = await page.evaluate(
      (p) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(`ws://127.0.0.1:${p}/ws`);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        }),
      port,
    );
    expect(own).toBe('open');
    await page.close();
    expect(await healthy()).toBe(true);
  });

  it('cannot open it from a sandboxed iframe (Origin: null) either', async () => {
    const page = await browser.newPage();
    await page.goto(evilUrl);
    const result = await page.evaluate(
      (p) =>
        new Promise<string>((resolve) => {
          window.addEventListener('message', (e) => resolve(String(e.data)));
          const frame = document.createElement('iframe');
          frame.setAttribute('sandbox', 'allow-scripts');
          frame.srcdoc = `<script>const ws = new WebSocket('ws://127.0.0.1:${p}/ws');
            ws.onopen = () => parent.postMessage('open', '*'); ws.onerror = () => parent.postMessage('refused', '*');</script>`;
          document.body.append(frame);
        }),
      port,
    );
    expect(result).toBe('refused');
    await page.close();
    expect(station.child.exitCode).toBeNull();
    expect(await healthy()).toBe(true);
  });
});
