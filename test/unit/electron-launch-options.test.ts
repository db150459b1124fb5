import { describe, expect, it } from 'vitest';
import { parseLaunchOptions } from '../../main/electron/launch-options.js';

describe('desktop launch options', () => {
  it('defaults to the userData folder, a free port and the demo organisation', () => {
    expect(parseLaunchOptions(['/opt/Switchboard/switchboard'])).toEqual({ dataDir: null, port: 0, demo: true });
  });

  it('starts without the demo organisation with --empty', () => {
    expect(parseLaunchOptions(['x', '--empty']).demo).toBe(false);
  });

  it('takes the data folder from --data DIR or --data=DIR', () => {
    expect(parseLaunchOptions(['electron', '.', '--data', 'D:\\sms']).dataDir).toBe('D:\\sms');
    expect(parseLaunchOptions(['electron', '--data=/srv/sms']).dataDir).toBe('/srv/sms');
  });

  it('falls back to SWITCHBOARD_DATA like the CLI, but --data wins', () => {
    expect(parseLaunchOptions(['x'], { SWITCHBOARD_DATA: '/env/dir' }).dataDir).toBe('/env/dir');
    expect(parseLaunchOptions(['x', '--data', '/arg'], { SWITCHBOARD_DATA: '/env' }).dataDir).toBe('/arg');
    expect(parseLaunchOptions(['x'], { SWITCHBOARD_DATA: '' }).dataDir).toBeNull();
  });

  it('takes a fixed port from --port', () => {
    expect(parseLaunchOptions(['x', '--port', '4938']).port).toBe(4938);
  });

  it('refuses a port that is not a port, naming it', () => {
    expect(() => parseLaunchOptions(['x', '--port', 'http'])).toThrow(/--port .*"http"/);
    expect(() => parseLaunchOptions(['x', '--port=70000'])).toThrow(/70000/);
  });
});
