#!/usr/bin/env node
// The `switchboard` command (`npx switchboard …`): runs the compiled CLI, building it first
// when this is a fresh checkout.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfNeeded, root } from './build-if-needed.js';

if (!existsSync(join(root, 'dist', 'main', 'cli.js')) || !existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
  buildIfNeeded();
}
const { main } = await import('../../dist/main/cli.js');
process.exitCode = await main(process.argv.slice(2));
