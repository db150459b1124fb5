// The last line of defence: an exception nothing caught, or a promise rejected with nobody
// listening, is logged with what it was and the station keeps running. Every request, frame,
// timer and carrier callback has its own guard; this is for what slips past them all. The
// count is kept so health can say that it happened.
import type { Logger } from '../log.js';

export interface ProcessGuard {
  /** Faults caught here since the guard was installed. */
  readonly caught: number;
  last: { at: number; what: string } | null;
  remove(): void;
}

export function installProcessGuard(log: () => Logger | null, stderr: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): ProcessGuard {
  const guard: ProcessGuard = { caught: 0, last: null, remove };
  const note = (kind: string, err: unknown, context: Record<string, unknown>) => {
    (guard as { caught: number }).caught++;
    const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    guard.last = { at: Date.now(), what };
    try {
      log()?.fatal({ err, ...context, caught: guard.caught }, `${kind} — the station keeps running`);
    } catch {
      // the log itself failed; stderr below still says it
    }
    stderr(`switchboard: ${kind} (${what}); the station keeps running.${err instanceof Error && err.stack ? `\n${err.stack}` : ''}`);
  };
  const onException = (err: Error, origin: string) => note('uncaught exception', err, { origin });
  const onRejection = (reason: unknown) => note('unhandled promise rejection', reason, {});
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  function remove(): void {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  }
  return guard;
}
