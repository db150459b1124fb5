import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, resetElectronFake, shell } from './electron-fake.js';

vi.mock('electron', () => import('./electron-fake.js'));

const { createMainWindow, contentSecurityPolicy, STATION_URL_ARG } = await import('../../main/electron/window.js');

const STATION = 'http://127.0.0.1:51234/';
const ORIGIN = 'http://127.0.0.1:51234';

function openWindow() {
  createMainWindow(STATION);
  const win = FakeBrowserWindow.instances.at(-1);
  if (!win) throw new Error('no window was created');
  return win;
}

beforeEach(() => resetElectronFake());

describe('main window', () => {
  it('runs the page sandboxed, isolated and without Node', () => {
    const prefs = openWindow().options.webPreferences ?? {};
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the station URL and hands it to the preload as an argument', () => {
    const win = openWindow();
    expect(win.loadedUrl).toBe(STATION);
    expect(win.options.webPreferences?.additionalArguments).toEqual([`${STATION_URL_ARG}${STATION}`]);
  });

  it('uses the CommonJS preload built from preload.cts beside it', () => {
    const preload = String(openWindow().options.webPreferences?.preload);
    expect(basename(preload)).toBe('preload.cjs');
    // Under vitest window.ts runs from source, so the source of that preload sits in the same folder.
    expect(existsSync(join(dirname(preload), 'preload.cts'))).toBe(true);
  });

  it('stays hidden until the page is ready to show', () => {
    const win = openWindow();
    expect(win.isVisible()).toBe(false);
    win.emit('ready-to-show');
    expect(win.isVisible()).toBe(true);
  });

  it('denies the page camera, microphone, location, notifications and clipboard reading', () => {
    const session = openWindow().webContents.session;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'serial']) {
      const granted = vi.fn();
      session.permissionRequestHandler?.(null, permission, granted);
      expect(granted, permission).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler?.(null, permission), permission).toBe(false);
    }
  });

  it('lets the page copy text and go full screen', () => {
    const session = openWindow().webContents.session;
    for (const permission of ['clipboard-sanitized-write', 'fullscreen']) {
      const granted = vi.fn();
      session.permissionRequestHandler?.(null, permission, granted);
      expect(granted, permission).toHaveBeenCalledWith(true);
      expect(session.permissionCheckHandler?.(null, permission), permission).toBe(true);
    }
  });
});

describe('content security policy', () => {
  it('allows only the station itself and its websocket', () => {
    const policy = contentSecurityPolicy(ORIGIN);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("connect-src 'self' ws://127.0.0.1:51234");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    // The only host named anywhere is the station's.
    expect(policy.match(/\/\/[^\s;]+/g)).toEqual(['//127.0.0.1:51234']);
  });

  it('is added to responses from the station origin', () => {
    const session = openWindow().webContents.session;
    expect(session.headersFilter).toEqual({ urls: [`${ORIGIN}/*`] });
    const response = session.respond(`${ORIGIN}/index.html`, { 'Content-Type': ['text/html'] });
    expect(response?.responseHeaders?.['Content-Type']).toEqual(['text/html']);
    expect(response?.responseHeaders?.['Content-Security-Policy']).toEqual([contentSecurityPolicy(ORIGIN)]);
  });

  it('keeps a policy the station sent and adds ours beside it, so it can only tighten', () => {
    const session = openWindow().webContents.session;
    const response = session.respond(`${ORIGIN}/`, { 'content-security-policy': ["script-src 'none'"] });
    expect(response?.responseHeaders).toEqual({
      'content-security-policy': ["script-src 'none'", contentSecurityPolicy(ORIGIN)],
    });
  });

  it('leaves responses from any other origin untouched', () => {
    const session = openWindow().webContents.session;
    expect(session.respond('http://127.0.0.1:9999/', { a: ['b'] })).toEqual({});
    expect(session.respond('https://example.com/', { a: ['b'] })).toEqual({});
  });
});

describe('navigation', () => {
  it('lets the page navigate within the station', () => {
    const contents = openWindow().webContents;
    expect(contents.attempt('will-navigate', `${ORIGIN}/history?q=1`)).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('refuses to navigate to another origin and opens web links in the OS browser instead', () => {
    const contents = openWindow().webContents;
    expect(contents.attempt('will-navigate', 'https://example.com/help')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/help');
  });

  it('refuses another port on the same host: that is another origin', () => {
    expect(openWindow().webContents.attempt('will-navigate', 'http://127.0.0.1:4938/')).toBe(true);
  });

  it('refuses file: and javascript: targets without handing them to the OS', () => {
    const contents = openWindow().webContents;
    expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.attempt('will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('refuses a redirect away from the station', () => {
    const contents = openWindow().webContents;
    expect(contents.attempt('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-redirect', `${ORIGIN}/login`)).toBe(false);
  });

  it('refuses to attach webviews', () => {
    expect(openWindow().webContents.attempt('will-attach-webview', '')).toBe(true);
  });

  it('never opens a new window; external links go to the OS browser', () => {
    const contents = openWindow().webContents;
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/');
    expect(contents.windowOpenHandler?.({ url: `${ORIGIN}/other` })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });
});
