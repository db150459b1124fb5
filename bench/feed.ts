// The live feed under an outage's load, in Debian's Chromium: 100,000 messages in the list,
// then 100 replies a second for 60 s. Records long tasks after the first render, frame times
// (requestAnimationFrame deltas), layout shifts and the JS heap at the start and the end of the
// stream. Prints figures, asserts nothing. Alone: `npx tsx bench/feed.ts` (FEED_SECONDS=10 for a
// quick look).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startFeedStation } from './_feed-station.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const INITIAL = 100_000;
const PER_SECOND = 100;
const SECONDS = Number(process.env.FEED_SECONDS ?? 60);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-quic', '--disable-component-update', '--disable-sync'];

function buildIfNeeded(): void {
  if (existsSync(join(ROOT, 'dist/renderer/index.html'))) return;
  const r = spawnSync('npm', ['run', 'build:renderer'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('renderer build failed');
}

/** Installed in the page when the stream starts: long tasks, layout shifts, rAF deltas. */
const RECORDER = `(() => {
  const b = (window.__bench = { longTasks: [], frames: [], shifts: 0 });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push(e.duration); }).observe({ type: 'longtask' });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) b.shifts += e.value; }).observe({ type: 'layout-shift' });
  let last = performance.now();
  const tick = (now) => { b.frames.push(now - last); last = now; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`;

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export async function benchFeed(): Promise<Record<string, string | number>> {
  buildIfNeeded();
  const station = await startFeedStation(join(ROOT, 'dist/renderer'), INITIAL);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20;
    };

    const t0 = Date.now();
    await page.goto(station.url);
    await page.getByTestId('login-login').fill('bench');
    await page.getByTestId('login-password').fill('bench');
    await page.getByTestId('login-submit').click();
    await page.locator(`[data-testid="feed-count"][data-count="${INITIAL}"]`).waitFor({ timeout: 120_000 });
    const firstRender = Date.now() - t0;
    await page.waitForTimeout(1000); // Let the first render's leftovers (GC, idle callbacks) pass.
    const heapStart = await heap();

    // A string, not a function: tsx would wrap named arrows in a helper the page does not have.
    await page.evaluate(RECORDER);
    const injected = await station.inject(PER_SECOND, SECONDS);
    await page.locator(`[data-testid="feed-count"][data-count="${INITIAL + injected}"]`).waitFor({ timeout: 30_000 });
    const result = (await page.evaluate('window.__bench')) as { longTasks: number[]; frames: number[]; shifts: number };
    const heapEnd = await heap();

    const frames = result.frames.slice(1).sort((a, b) => a - b);
    const long = result.longTasks.sort((a, b) => b - a);
    return {
      'messages in the list at start': INITIAL,
      [`replies injected (${PER_SECOND}/s for ${SECONDS} s)`]: injected,
      'first render of 100,000 (login to list shown, ms)': firstRender,
      'long tasks during the stream (> 50 ms)': long.length,
      'longest task during the stream (ms)': long.length ? long[0]!.toFixed(0) : 0,
      'frames recorded': frames.length,
      'frame time median (ms)': quantile(frames, 0.5).toFixed(1),
      'frame time p95 (ms)': quantile(frames, 0.95).toFixed(1),
      'frame time p99 (ms)': quantile(frames, 0.99).toFixed(1),
      'frame time max (ms)': (frames[frames.length - 1] ?? 0).toFixed(1),
      'layout shift score during the stream': result.shifts.toFixed(4),
      'JS heap after GC at start of stream (MiB)': heapStart.toFixed(1),
      'JS heap after GC at end of stream (MiB)': heapEnd.toFixed(1),
      'JS heap growth per 1,000 replies (MiB)': ((heapEnd - heapStart) / (injected / 1000)).toFixed(2),
    };
  } finally {
    await browser.close();
    await station.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await benchFeed();
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k.padEnd(58)} ${v}\n`);
}
