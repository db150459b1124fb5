// An in-memory stand-in for the parts of 'electron' the shell uses. The real module cannot load
// here (no Electron binary), so tests mock 'electron' with this:
//   vi.mock('electron', () => import('./electron-fake.js'));
// It records what the shell asked for and lets a test play the user's or Chromium's part.

import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { vi } from 'vitest';

/** An Electron-style event whose default can be prevented. */
export interface FakeEvent {
  url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}
export function fakeEvent(url = ''): FakeEvent {
  const event = { url, defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
  return event;
}

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void,
) => void;

export class FakeSession {
  headersFilter: { urls: string[] } | null = null;
  headersListener: HeadersListener | null = null;
  permissionRequestHandler: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  webRequest = {
    onHeadersReceived: (filter: { urls: string[] }, listener: HeadersListener) => {
      this.headersFilter = filter;
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']) {
    this.permissionCheckHandler = handler;
  }
  /** Plays a response from `url` through the registered listener and returns what Chromium would get. */
  respond(url: string, responseHeaders: Record<string, string[]> = {}) {
    let result: { responseHeaders?: Record<string, string[]>; cancel?: boolean } | undefined;
    this.headersListener?.({ url, responseHeaders }, (r) => (result = r));
    return result;
  }
}

export class FakeWebContents extends EventEmitter {
  session = new FakeSession();
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  setWindowOpenHandler(handler: FakeWebContents['windowOpenHandler']) {
    this.windowOpenHandler = handler;
  }
  /** Emits a navigation-type event (`will-navigate`, `will-redirect`, …); true if the shell prevented it. */
  attempt(eventName: string, url: string): boolean {
    const event = fakeEvent(url);
    this.emit(eventName, event, url);
    return event.defaultPrevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;
  loadedUrl: string | null = null;
  constructor(public options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
    this.focused = false;
  }
  focus() {
    this.focused = true;
  }
  restore() {
    this.minimized = false;
  }
  isVisible() {
    return this.visible;
  }
  isFocused() {
    return this.focused;
  }
  isMinimized() {
    return this.minimized;
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** Like clicking the window's close button: true if the window really closed. */
  close(): boolean {
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroyed = true;
    this.emit('closed');
    return true;
  }
}

export interface FakeMenuItem {
  label?: string;
  type?: string;
  click?: () => void;
}

export const Menu = {
  buildFromTemplate: (items: FakeMenuItem[]) => ({ items }),
};

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  toolTip = '';
  menu: { items: FakeMenuItem[] } | null = null;
  destroyed = false;
  constructor(public image: { path: string }) {
    super();
    Tray.instances.push(this);
  }
  setToolTip(text: string) {
    this.toolTip = text;
  }
  setContextMenu(menu: { items: FakeMenuItem[] }) {
    this.menu = menu;
  }
  destroy() {
    this.destroyed = true;
  }
}

export const nativeImage = {
  createFromPath: (path: string) => ({ path, isEmpty: () => !existsSync(path) }),
};

export class Notification extends EventEmitter {
  static instances: Notification[] = [];
  static supported = true;
  static isSupported() {
    return Notification.supported;
  }
  shown = false;
  closed = false;
  constructor(public options: { title: string; body: string }) {
    super();
    Notification.instances.push(this);
  }
  show() {
    this.shown = true;
  }
  close() {
    this.closed = true;
    this.emit('close', fakeEvent());
  }
}

export const shell = { openExternal: vi.fn((_url: string) => Promise.resolve()) };
export const dialog = {
  showErrorBox: vi.fn((_title: string, _body: string) => undefined),
  showMessageBox: vi.fn((_options: { title?: string; message: string; detail?: string }) =>
    Promise.resolve({ response: 0, checkboxChecked: false }),
  ),
};
export const contextBridge = { exposeInMainWorld: vi.fn((_key: string, _api: unknown) => undefined) };

class FakeApp extends EventEmitter {
  hasLock = true;
  locale = 'en-US';
  /** Set once a quit went all the way through (nothing prevented it). */
  quitted = false;
  exitCode: number | null = null;
  requestSingleInstanceLock = () => this.hasLock;
  whenReady = () => Promise.resolve();
  getLocale = () => this.locale;
  getPath = (name: string) => `/fake-home/${name}`;
  exit = vi.fn((code = 0) => {
    this.exitCode = code;
  });
  /** Electron's order: before-quit (preventable), then each window's close (preventable), then will-quit. */
  quit = vi.fn(() => {
    const event = fakeEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    for (const win of FakeBrowserWindow.instances) {
      if (!win.destroyed && !win.close()) return;
    }
    this.quitted = true;
    this.emit('will-quit', fakeEvent());
  });
}

export const app = new FakeApp();
export const BrowserWindow = FakeBrowserWindow;

/** Fresh state for each test. */
export function resetElectronFake(): void {
  app.removeAllListeners();
  app.hasLock = true;
  app.locale = 'en-US';
  app.quitted = false;
  app.exitCode = null;
  app.exit.mockClear();
  app.quit.mockClear();
  FakeBrowserWindow.instances = [];
  Tray.instances = [];
  Notification.instances = [];
  Notification.supported = true;
  shell.openExternal.mockClear();
  dialog.showErrorBox.mockClear();
  dialog.showMessageBox.mockClear();
  contextBridge.exposeInMainWorld.mockClear();
}

/** The OS keychain: off here, so the station keeps its 0600 key file (a test may switch it on). */
export const safeStorage = {
  available: false,
  isEncryptionAvailable: () => safeStorage.available,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (s: string) => Buffer.from(`sealed:${s}`),
  decryptString: (b: Buffer) => b.toString().replace(/^sealed:/, ''),
};
