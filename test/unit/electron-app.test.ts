import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageView } from '../../shared/protocol/index.js';
import { FakeBrowserWindow, Notification, Tray, app, dialog, resetElectronFake } from './electron-fake.js';

vi.mock('electron', () => import('./electron-fake.js'));

const { startShell, STOP_TIMEOUT_MS } = await import('../../main/electron/app.js');
type StationConfig = Parameters<Parameters<typeof startShell>[2]>[0];

const URL = 'http://127.0.0.1:40001/';

/** A station double: records its config, lets the test push inbound replies, counts stops. */
function fakeStation(options: { stop?: () => Promise<void>; fail?: Error; adminPassword?: string } = {}) {
  const listeners: ((m: MessageView) => void)[] = [];
  const station = {
    config: null as StationConfig | null,
    stop: vi.fn(options.stop ?? (() => Promise.resolve())),
    inbound: (m: MessageView) => listeners.forEach((l) => l(m)),
    start: vi.fn(async (config: StationConfig) => {
      station.config = config;
      if (options.fail) throw options.fail;
      return {
        url: URL,
        initialAdminPassword: options.adminPassword ?? null,
        stop: station.stop,
        onInbound: (l: (m: MessageView) => void) => (listeners.push(l), () => {}),
      };
    }),
  };
  return station;
}

/** Starts the shell and waits until its window is open (or it gave up). */
async function launch(station = fakeStation(), argv: string[] = ['electron', '.'], env = {}) {
  startShell(argv, env, station.start);
  await vi.waitFor(() => {
    if (FakeBrowserWindow.instances.length === 0 && app.exitCode === null && app.quit.mock.calls.length === 0) {
      throw new Error('shell not up yet');
    }
  });
  return { station, window: FakeBrowserWindow.instances[0] };
}

beforeEach(() => resetElectronFake());
afterEach(() => vi.useRealTimers());

describe('desktop app lifecycle', () => {
  it('starts the station on 127.0.0.1, a free port, in the userData folder, with the demo organisation', async () => {
    const { station } = await launch();
    expect(station.config).toEqual({ dataDir: '/fake-home/userData', host: '127.0.0.1', port: 0, demo: true });
  });

  it("leaves the carrier to the data folder's config.json (explicit options would override it)", async () => {
    const { station } = await launch();
    expect(station.config).not.toHaveProperty('carrier');
  });

  it('shows the first admin password once, since a desktop launch has no terminal', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    await launch(fakeStation({ adminPassword: 'x7-Kq-93' }));
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(dialog.showMessageBox.mock.calls[0]![0].detail).toContain('x7-Kq-93');
  });

  it('shows no password box when the data folder already had users', async () => {
    await launch();
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('uses the data folder given with --data', async () => {
    const { station } = await launch(fakeStation(), ['electron', '.', '--data', 'C:\\Dispatch\\data']);
    expect(station.config?.dataDir).toBe('C:\\Dispatch\\data');
  });

  it("opens the window on the station's URL, with a tray icon", async () => {
    const { window } = await launch();
    expect(window?.loadedUrl).toBe(URL);
    expect(Tray.instances).toHaveLength(1);
  });

  it('gives way to an instance that is already running, without starting a station', async () => {
    app.hasLock = false;
    const station = fakeStation();
    await launch(station);
    expect(app.quit).toHaveBeenCalled();
    expect(station.start).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('brings its window back when a second instance is launched', async () => {
    const { window } = await launch();
    window!.hide();
    window!.minimized = true;
    app.emit('second-instance', {}, ['electron', '.'], '/');
    expect(window!.isVisible()).toBe(true);
    expect(window!.isMinimized()).toBe(false);
    expect(window!.isFocused()).toBe(true);
  });

  it('hides the window on close and keeps the station running', async () => {
    const { window, station } = await launch();
    window!.show();
    expect(window!.close()).toBe(false);
    expect(window!.isVisible()).toBe(false);
    expect(station.stop).not.toHaveBeenCalled();
  });

  it('stops the station before it quits, then closes the window', async () => {
    let finishStop!: () => void;
    const station = fakeStation({ stop: () => new Promise<void>((resolve) => (finishStop = resolve)) });
    const { window } = await launch(station);
    app.quit();
    await vi.waitFor(() => expect(station.stop).toHaveBeenCalledTimes(1));
    expect(app.quitted).toBe(false); // held until the station has stopped
    finishStop();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(window!.isDestroyed()).toBe(true);
    expect(Tray.instances[0]!.destroyed).toBe(true);
    expect(station.stop).toHaveBeenCalledTimes(1);
  });

  it('quits from the tray menu through the same clean stop', async () => {
    const { station } = await launch();
    Tray.instances[0]!.menu!.items.find((i) => i.label === 'Quit')!.click!();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(station.stop).toHaveBeenCalledTimes(1);
  });

  it('still quits when the station hangs on stop', async () => {
    const station = fakeStation({ stop: () => new Promise<void>(() => {}) });
    await launch(station);
    vi.useFakeTimers();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    app.quit();
    await vi.advanceTimersByTimeAsync(STOP_TIMEOUT_MS + 1);
    expect(app.quitted).toBe(true);
  });

  it('explains and exits when the station cannot start', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await launch(fakeStation({ fail: new Error('EACCES: permission denied, open data.db') }));
    expect(app.exitCode).toBe(1);
    expect(dialog.showErrorBox).toHaveBeenCalledWith(
      'Switchboard could not start',
      expect.stringContaining('EACCES: permission denied'),
    );
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('shows an OS notification for an inbound reply while the window is in the background', async () => {
    const { station, window } = await launch();
    window!.hide();
    station.inbound({ direction: 'in', contactName: null, phone: '+79161234567', text: '1' } as MessageView);
    expect(Notification.instances.map((n) => n.options)).toEqual([{ title: '+79161234567', body: '1' }]);
    Notification.instances[0]!.emit('click');
    expect(window!.isVisible() && window!.isFocused()).toBe(true);
  });
});
