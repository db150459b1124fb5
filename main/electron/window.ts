// The one window: the control room served by the station, locked down as a web page with no
// Node and no IPC. Everything it may do, it does over the station's http/ws like any browser.

import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { fileURLToPath } from 'node:url';

/** Passed to the preload through `additionalArguments`; the preload reads it from `process.argv`. */
export const STATION_URL_ARG = '--switchboard-station-url=';

const PRELOAD_PATH = fileURLToPath(new URL('./preload.cjs', import.meta.url));

/**
 * The policy for pages from the station. `data:` stays allowed for images and fonts only because
 * vite inlines small assets as data URLs; scripts and styles must come from the station itself.
 */
export function contentSecurityPolicy(stationOrigin: string): string {
  const { host } = new URL(stationOrigin);
  return [
    "default-src 'self'",
    `connect-src 'self' ws://${host}`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function createMainWindow(stationUrl: string): BrowserWindow {
  const origin = new URL(stationUrl).origin;
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    show: false, // shown on ready-to-show, so there is no blank flash
    backgroundColor: '#11151c', // the dark theme's background, for the same reason
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      additionalArguments: [`${STATION_URL_ARG}${stationUrl}`],
    },
  });
  applyStationCsp(win.webContents.session, origin);
  limitPermissions(win.webContents.session);
  keepToStation(win.webContents, origin);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(stationUrl);
  return win;
}

/** Adds our CSP to every response from the station; other origins are left alone (and unreachable). */
export function applyStationCsp(session: Session, stationOrigin: string): void {
  const policy = contentSecurityPolicy(stationOrigin);
  session.webRequest.onHeadersReceived({ urls: [`${stationOrigin}/*`] }, (details, callback) => {
    // The URL filter already narrows this; checking again keeps the rule true if the filter
    // syntax ever matches more than we meant (ports, trailing paths).
    if (originOf(details.url) !== stationOrigin) {
      callback({});
      return;
    }
    const headers: Record<string, string[]> = { ...details.responseHeaders };
    // Added beside any policy the station sends: several policies are all enforced, so this can
    // only tighten, never loosen, what the station asked for.
    const key = Object.keys(headers).find((k) => k.toLowerCase() === 'content-security-policy');
    headers[key ?? 'Content-Security-Policy'] = [...(key ? headers[key] ?? [] : []), policy];
    callback({ responseHeaders: headers });
  });
}

/**
 * The control room needs no camera, microphone, geolocation or web notifications (ours are
 * native). It may copy text (a phone number) and go full screen (a wall display); nothing else.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'fullscreen']);

function limitPermissions(session: Session): void {
  session.setPermissionRequestHandler((_webContents, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  );
  session.setPermissionCheckHandler((_webContents, permission) => ALLOWED_PERMISSIONS.has(permission));
}

/**
 * The window only ever shows the station. Links elsewhere open in the OS browser; no new
 * windows, no webviews, no navigation or redirect away from the station's origin.
 */
export function keepToStation(contents: WebContents, stationOrigin: string): void {
  const refuseForeign = (event: { url: string; preventDefault(): void }) => {
    if (originOf(event.url) === stationOrigin) return;
    event.preventDefault();
    openOutside(event.url);
  };
  contents.on('will-navigate', refuseForeign);
  contents.on('will-redirect', (event) => {
    if (originOf(event.url) !== stationOrigin) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (originOf(url) !== stationOrigin) openOutside(url);
    return { action: 'deny' };
  });
}

/** Only web and mail links leave the app; `file:`, `javascript:` and custom schemes go nowhere. */
function openOutside(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return;
  }
  if (protocol === 'https:' || protocol === 'http:' || protocol === 'mailto:') {
    void shell.openExternal(url);
  }
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
