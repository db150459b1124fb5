// Builds what is missing or out of date before the app starts: the main process (incremental
// tsc, quick when nothing changed) and the renderer bundle (only when its sources are newer).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function run(args) {
  const r = spawnSync('npm', ['run', '--silent', ...args], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    process.stderr.write(`switchboard: "npm run ${args.join(' ')}" failed; fix the build errors above.\n`);
    process.exit(r.status ?? 1);
  }
}

export function buildIfNeeded() {
  run(['build:main']);
  const bundle = join(root, 'dist', 'renderer', 'index.html');
  const sources = Math.max(newest(join(root, 'renderer')), newest(join(root, 'shared')));
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < sources) run(['build:renderer']);
}
