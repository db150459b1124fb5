// Electron main-process entry: one instance per user, the station started in this process on a
// local port, the window on the station's URL, a tray icon, and a clean stop of the station on quit.

import { app, dialog, type BrowserWindow, type Tray } from 'electron';
import type { MessageView } from '../../shared/protocol/index.js';
import { shellLabels, type ShellLabels } from './labels.js';
import { parseLaunchOptions } from './launch-options.js';
import { createReplyNotifier } from './notifications.js';
import { createTray } from './tray.js';
import { createMainWindow } from './window.js';
import { safeStorageKeyWrap } from './key-wrap.js';
import type { KeyWrap } from '../station/secrets/key-wrap.js';
import { fileWriter, installMainProcessGuard } from './crash-guard.js';
import { join } from 'node:path';

/**
 * What the shell passes to `createStation()`. The carrier is not among them on purpose: explicit
 * options override `config.json` in the data folder, and that file is where a modem or SMPP route
 * is configured; left out, the station's own default (the simulator) applies only when unset.
 */
export interface ShellStationOptions {
  dataDir: string;
  host: string;
  port: number;
  demo: boolean;
  /** The OS keychain for the data folder's key, when there is one (key-wrap.ts). */
  keyWrap?: KeyWrap;
}
/** What the shell needs from the running station; the station offers more. */
export interface StationHandle {
  url: string;
  /** Set on the first start of an empty data folder only. */
  initialAdminPassword: string | null;
  stop(): Promise<void>;
  onInbound(listener: (message: MessageView) => void): () => void;
}
export type StartStation = (options: ShellStationOptions) => Promise<StationHandle>;

/** A station that hangs on stop must not keep a dead app in the process list forever. */
export const STOP_TIMEOUT_MS = 10_000;

export function startShell(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  startStation: StartStation,
): void {
  // A second copy would open the same SQLite file and port; it hands over to the first instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let window: BrowserWindow | null = null;
  let tray: Tray | null = null;
  let quitting = false;
  let stopped = false;
  let starting: Promise<StationHandle | null> | null = null;
  let stopping: Promise<void> | null = null;

  const showWindow = () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  app.on('second-instance', showWindow);

  app.on('before-quit', (event) => {
    quitting = true;
    if (stopped || !starting) return;
    // Hold the quit until the station has closed its database and sockets, then quit for real.
    event.preventDefault();
    stopping ??= starting
      .then((station) => (station ? withTimeout(station.stop(), STOP_TIMEOUT_MS) : undefined))
      .catch((err: unknown) => console.error('switchboard: station did not stop cleanly:', err))
      .finally(() => {
        stopped = true;
        tray?.destroy(); // otherwise Windows leaves a ghost icon until the mouse passes over it
        app.quit();
      });
  });

  void app.whenReady().then(async () => {
    const labels = shellLabels(app.getLocale());
    let options: ShellStationOptions;
    try {
      const launch = parseLaunchOptions(argv, env);
      // Loopback only: the window is the client; other workstations use a headless station.
      options = {
        dataDir: launch.dataDir ?? app.getPath('userData'),
        host: '127.0.0.1',
        port: launch.port,
        demo: launch.demo,
      };
      const keyWrap = safeStorageKeyWrap();
      if (keyWrap) options.keyWrap = keyWrap;
    } catch (err) {
      return fail(labels.startFailedTitle, labels.startFailedBody(messageOf(err)));
    }
    starting = startStation(options).catch(
      (err: unknown) => {
        fail(labels.startFailedTitle, labels.startFailedBody(messageOf(err)));
        return null;
      },
    );
    const station = await starting;
    if (!station || quitting) return;
    if (station.initialAdminPassword !== null) showFirstPassword(labels, station.initialAdminPassword);

    window = createMainWindow(station.url);
    // Closing the window hides it: replies keep arriving and notifying; the tray quits for real.
    window.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      window?.hide();
    });
    tray = createTray(labels, { show: showWindow, quit: () => app.quit() });
    station.onInbound(
      createReplyNotifier({
        isWindowFocused: () => !!window && !window.isDestroyed() && window.isVisible() && window.isFocused(),
        focusWindow: showWindow,
      }),
    );
  });
}

/**
 * The CLI prints the first admin password on stdout; a desktop launch has no terminal, so without
 * this box nobody could ever log in to a fresh install.
 */
function showFirstPassword(labels: ShellLabels, password: string): void {
  console.log(`switchboard: first start, user admin, password ${password}`);
  void dialog.showMessageBox({
    type: 'info',
    title: labels.firstStartTitle,
    message: labels.firstStartMessage,
    detail: labels.firstStartDetail(password),
  });
}

function fail(title: string, body: string): void {
  console.error(`switchboard: ${body}`);
  dialog.showErrorBox(title, body);
  app.exit(1);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`station.stop() took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// This module is the app's entry point (package.json "main"). Under Electron it starts the shell;
// imported elsewhere (unit tests with a mocked 'electron') it only defines startShell. The station
// is loaded lazily so that importing this file does not open SQLite or serial ports.
if (process.versions.electron !== undefined) {
  // First, before anything can throw: the control room stays up, the error goes to the log.
  installMainProcessGuard(fileWriter(join(app.getPath('logs'), 'shell.log')));
  const { createStation } = await import('../station/index.js');
  startShell(process.argv, process.env, createStation);
  // Ctrl+C in a terminal or a service manager's stop goes through the same clean quit.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}
