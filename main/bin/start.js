#!/usr/bin/env node
// `npm start`: build what is missing, start the Electron app when it can run here, otherwise say
// so in one line and serve the control room on http://127.0.0.1:4938 with the simulator and,
// on a fresh data folder, the demo organisation.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildIfNeeded, root } from './build-if-needed.js';

buildIfNeeded();
const args = process.argv.slice(2);

// Looks for the binary the way the electron package does, without calling it: its index.js
// tries a download when the binary is missing, which cannot work on a closed network.
function electronBinary() {
  let dir;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { error: 'the electron package is not installed' };
  }
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
  const pathFile = join(dir, 'path.txt');
  const binary = existsSync(pathFile) ? join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
  return binary && existsSync(binary) ? binary : { error: 'the Electron binary is not installed' };
}

async function serveHeadless(reason) {
  process.stdout.write(`Electron cannot start here (${reason}); serving the control room on http://127.0.0.1:4938 instead.\n`);
  const { main } = await import('../../dist/main/cli.js');
  const hasCarrier = args.some((a) => a.startsWith('--carrier'));
  const wantsEmpty = args.includes('--empty');
  process.exitCode = await main([
    'start',
    ...(hasCarrier ? [] : ['--carrier', 'simulator']),
    ...(wantsEmpty || args.includes('--demo') ? [] : ['--demo']),
    ...args,
  ]);
}

const electron = electronBinary();
if (typeof electron !== 'string') {
  await serveHeadless(electron.error);
} else {
  const child = spawn(electron, [join(root, 'dist', 'main', 'electron', 'app.js'), ...args], { stdio: 'inherit' });
  child.on('error', (err) => void serveHeadless(err.message));
  child.on('exit', (code, signal) => {
    // A binary that dies at once (missing libraries, no display) is as good as none.
    if (code !== 0 && code !== null) void serveHeadless(`it exited with code ${code}`);
    else process.exitCode = signal ? 1 : 0;
  });
}
