// Starts one of the station's worker threads (the audience of a large send, the WAL checkpointer)
// from the compiled .js in a build, or from the .ts source in tests and benches, where the worker
// registers tsx itself before loading its entry (`--import tsx` in execArgv does not reach a
// worker's own entry module on Node 20). Null when this process cannot start a thread: callers then
// do the work inline or leave it to SQLite.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** `entry` is the worker's module next to `from` (an import.meta.url), without its extension. */
export function startWorker(from: string, entry: string, workerData: unknown): Worker | null {
  try {
    if (!from.endsWith('.ts')) return new Worker(new URL(`${entry}.js`, from), { workerData });
    const tsx = pathToFileURL(createRequire(from).resolve('tsx/esm/api')).href;
    const source = new URL(`${entry}.ts`, from).href;
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(source)}); })`;
    return new Worker(boot, { eval: true, workerData });
  } catch {
    return null;
  }
}
