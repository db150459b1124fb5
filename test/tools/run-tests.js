#!/usr/bin/env node
// `npm test`: type-check, then every suite (unit, renderer, integration with vitest; end-to-end
// with Playwright in Debian's Chromium), then one plain summary line `N passed, N failed`, so a
// run is never mistaken for one that executed nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'switchboard-test-'));
const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];

function step(name, cmd, args) {
  process.stdout.write(`\n=== ${name}: ${cmd} ${args.join(' ')}\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  process.stdout.write(`=== ${name}: exit ${r.status} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return r.status === 0;
}

// 1. Types: a check of its own, counted as one test.
// `-b` over the root builds every project in reference order (the tests type-check against the
// renderer's and station's declarations), the way a fresh checkout must.
if (step('typecheck', 'npx', ['tsc', '-b', 'tsconfig.json'])) passed++;
else {
  failed++;
  problems.push('type-check');
}

// 2. vitest: unit, renderer, integration.
const vitestJson = join(out, 'vitest.json');
step('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  if (r.numFailedTests > 0 || r.numFailedTestSuites > 0) problems.push('vitest');
  // A file that fails to load has no tests to count: count it as a failure.
  const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  failed += brokenFiles;
} else {
  failed++;
  problems.push('vitest wrote no report');
}

// 3. End to end: build the app, then Playwright drives it.
if (!step('build', 'npm', ['run', 'build'])) {
  failed++;
  problems.push('build');
} else {
  // playwright.config.ts writes its json report here.
  const report = 'test-results/playwright.json';
  rmSync(report, { force: true });
  step('e2e', 'npx', ['playwright', 'test']);
  if (existsSync(report)) {
    const s = JSON.parse(readFileSync(report, 'utf8')).stats;
    passed += s.expected + s.flaky;
    failed += s.unexpected;
    skipped += s.skipped;
    if (s.unexpected > 0) problems.push('e2e');
  } else {
    failed++;
    problems.push('playwright wrote no report');
  }
}

process.stdout.write(`\n${problems.length ? `Failed: ${problems.join(', ')}\n` : ''}`);
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed > 0 ? 1 : 0);
