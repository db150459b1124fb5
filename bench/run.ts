// `npm run bench`: runs every bench module in this folder (each exports `async function benchX()`
// returning named figures) and prints the figures. Never asserts timings. `npm run bench -- NAME`
// runs only modules whose file name contains NAME.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failures = 0;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
  for (const [name, fn] of Object.entries(mod)) {
    if (!name.startsWith('bench') || typeof fn !== 'function') continue;
    process.stdout.write(`\n## ${file} · ${name}\n`);
    const started = performance.now();
    try {
      const figures = (await fn()) as Record<string, string | number>;
      for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k.padEnd(58)} ${v}\n`);
    } catch (err) {
      failures++;
      process.stdout.write(`  FAILED: ${(err as Error).stack ?? err}\n`);
    }
    process.stdout.write(`  (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  }
}
process.exitCode = failures > 0 ? 1 : 0;
