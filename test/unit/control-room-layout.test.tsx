// The control room's frame: resizable columns remembered per user, the dock of folded sections,
// the desk settings.
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WIDTHS, defaultWidths, layoutKey } from '../../renderer/app/layout/pane-widths.js';
import { shellTestIds } from '../../renderer/app/testids.js';
import { loginTestIds } from '../../renderer/features/login/testids.js';
import { demoStation } from '../fixtures/control-room/fake-station.js';
import { renderApp, resetRenderer, settle, type Harness } from '../fixtures/control-room/render-app.js';

let harness: Harness | null = null;
beforeEach(() => resetRenderer());
afterEach(() => {
  harness?.bridge.stop();
  harness = null;
  cleanup();
  document.documentElement.style.zoom = '';
});

async function signedIn() {
  harness = await renderApp(demoStation());
  fireEvent.change(screen.getByTestId(loginTestIds.login), { target: { value: 'admin' } });
  fireEvent.change(screen.getByTestId(loginTestIds.password), { target: { value: 'secret' } });
  fireEvent.click(screen.getByTestId(loginTestIds.submit));
  await settle();
}

const width = (name: string) => screen.getByTestId(shellTestIds.layout).style.getPropertyValue(name);

describe('resizable columns', () => {
  it('start wider on a wide screen, as on a laptop below 1366 px', () => {
    expect(defaultWidths(1024)).toEqual(DEFAULT_WIDTHS);
    expect(defaultWidths(1366)).toEqual(DEFAULT_WIDTHS);
    const wide = defaultWidths(1920);
    expect(wide.groups).toBeGreaterThan(DEFAULT_WIDTHS.groups);
    expect(wide.feed).toBeGreaterThan(DEFAULT_WIDTHS.feed);
    expect(1920 - wide.groups - wide.feed).toBeGreaterThan(900); // The middle keeps its room.
  });

  it('widens the feed from the keyboard and remembers it for this user', async () => {
    await signedIn();
    const splitter = screen.getByTestId(shellTestIds.splitter('feed'));
    expect(splitter.getAttribute('role')).toBe('separator');
    expect(splitter.getAttribute('aria-valuenow')).toBe(String(DEFAULT_WIDTHS.feed));
    // The feed is on the right: moving its handle left widens it.
    fireEvent.keyDown(splitter, { key: 'ArrowLeft' });
    fireEvent.keyDown(splitter, { key: 'ArrowLeft', shiftKey: true });
    expect(width('--feed-w')).toBe(`${DEFAULT_WIDTHS.feed + 16 + 64}px`);
    expect(JSON.parse(localStorage.getItem(layoutKey(1))!)).toMatchObject({ feed: DEFAULT_WIDTHS.feed + 80 });
    fireEvent.keyDown(splitter, { key: 'End' });
    expect(Number(splitter.getAttribute('aria-valuenow'))).toBe(Number(splitter.getAttribute('aria-valuemax')));
    fireEvent.keyDown(splitter, { key: 'Enter' });
    expect(width('--feed-w')).toBe(`${DEFAULT_WIDTHS.feed}px`);
  });

  it('drags the groups column with the pointer', async () => {
    await signedIn();
    const splitter = screen.getByTestId(shellTestIds.splitter('groups'));
    splitter.setPointerCapture = () => undefined;
    fireEvent.pointerDown(splitter, { button: 0, clientX: 300, pointerId: 1 });
    fireEvent.pointerMove(splitter, { clientX: 350, pointerId: 1 });
    fireEvent.pointerUp(splitter, { pointerId: 1 });
    expect(width('--groups-w')).toBe(`${DEFAULT_WIDTHS.groups + 50}px`);
    expect(JSON.parse(localStorage.getItem(layoutKey(1))!)).toMatchObject({ groups: DEFAULT_WIDTHS.groups + 50 });
  });

  it('starts from the layout this user left, not another user’s', async () => {
    localStorage.setItem(layoutKey(1), JSON.stringify({ groups: 333, feed: 600 }));
    localStorage.setItem(layoutKey(2), JSON.stringify({ groups: 200, feed: 400 }));
    await signedIn();
    expect(width('--groups-w')).toBe('333px');
    expect(width('--feed-w')).toBe('600px');
  });
});

describe('dock', () => {
  it('holds the folded sections along the bottom and opens one at a time', async () => {
    await signedIn();
    const dock = screen.getByTestId(shellTestIds.dock);
    const sections = [...dock.querySelectorAll<HTMLDetailsElement>(':scope > details')];
    expect(sections.length).toBeGreaterThanOrEqual(3);
    sections[0]!.open = true;
    sections[0]!.dispatchEvent(new Event('toggle'));
    sections[1]!.open = true;
    sections[1]!.dispatchEvent(new Event('toggle'));
    expect(sections.map((s) => s.open).slice(0, 2)).toEqual([false, true]);
    fireEvent.keyDown(sections[1]!, { key: 'Escape' });
    expect(sections[1]!.open).toBe(false);
  });
});

describe('desk settings', () => {
  it('enlarges the whole room for a wall screen and remembers reply sounds', async () => {
    await signedIn();
    fireEvent.click(screen.getByTestId(shellTestIds.settings));
    fireEvent.click(screen.getByTestId(shellTestIds.scale(1.5)));
    expect(document.documentElement.style.zoom).toBe('1.5');
    fireEvent.change(screen.getByTestId(shellTestIds.replySound), { target: { value: 'all' } });
    expect(JSON.parse(localStorage.getItem('switchboard.replyAlerts')!)).toMatchObject({ sound: 'all' });
    expect(localStorage.getItem('switchboard.scale')).toBe('1.5');
  });
});
