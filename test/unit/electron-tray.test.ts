import { existsSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Tray, resetElectronFake } from './electron-fake.js';

vi.mock('electron', () => import('./electron-fake.js'));

const { createTray, TRAY_ICON_PATH } = await import('../../main/electron/tray.js');
const { shellLabels } = await import('../../main/electron/labels.js');

function setup(locale = 'en-US') {
  const actions = { show: vi.fn(), quit: vi.fn() };
  createTray(shellLabels(locale), actions);
  const tray = Tray.instances.at(-1)!;
  const items = tray.menu?.items ?? [];
  const item = (label: string) => {
    const found = items.find((i) => i.label === label);
    if (!found?.click) throw new Error(`no menu item "${label}" in ${JSON.stringify(items.map((i) => i.label))}`);
    return found.click;
  };
  return { tray, items, item, actions };
}

beforeEach(() => resetElectronFake());

describe('tray', () => {
  it('uses the icon file shipped with the shell', () => {
    const { tray } = setup();
    expect(tray.image.path).toBe(TRAY_ICON_PATH);
    expect(existsSync(TRAY_ICON_PATH)).toBe(true);
    expect(existsSync(TRAY_ICON_PATH.replace(/\.png$/, '@2x.png'))).toBe(true);
  });

  it('offers Show and Quit', () => {
    const { items } = setup();
    expect(items.filter((i) => i.label).map((i) => i.label)).toEqual(['Show window', 'Quit']);
  });

  it('shows the window from the menu and on a click on the icon', () => {
    const { tray, item, actions } = setup();
    item('Show window')();
    tray.emit('click');
    expect(actions.show).toHaveBeenCalledTimes(2);
    expect(actions.quit).not.toHaveBeenCalled();
  });

  it('quits from the menu', () => {
    const { item, actions } = setup();
    item('Quit')();
    expect(actions.quit).toHaveBeenCalledTimes(1);
  });

  it('speaks Russian on a Russian system', () => {
    const { items } = setup('ru-RU');
    expect(items.filter((i) => i.label).map((i) => i.label)).toEqual(['Показать окно', 'Выход']);
  });
});
