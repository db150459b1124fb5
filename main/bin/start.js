#!/usr/bin/env node
// `npm start`: build what is missing, start the Electron app when it can run here, otherwise say
// so in one line and serve the control room on http://127.0.0.1:4938 with the simulator and,
// on a fresh data folder, the demo organisation.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildIfNeeded, root } from './build-if-needed.js';

buildIfNeeded();
const args = process.argv.slice(2);

function electronBinary() {
  try {
    // The electron package exports the path of its binary, and throws when the binary is missing.
    return createRequire(import.meta.url)('electron');
  } catch (err) {
    return { error: String(err?.message ?? err).split('\n')[0] };
  }
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
