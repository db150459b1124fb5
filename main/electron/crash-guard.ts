// The desktop app's main process hosts the station: an error that escapes everything must not
// close the control room in the middle of an outage. It is written to the shell's log (and the
// console) and the process goes on; the station's own parts have their own guards and supervisor.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface GuardedProcess {
  on(event: 'uncaughtException', listener: (err: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
}

/** A line-per-error writer to `file` (JSON, like the station's log); never throws. */
export function fileWriter(file: string): (line: string) => void {
  return (line) => {
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      appendFileSync(file, `${line}\n`, { mode: 0o600 });
    } catch {
      // A full disk must not turn one logged error into a crash.
    }
  };
}

/** Installs the handlers; returns a function that removes them (tests). */
export function installMainProcessGuard(write: (line: string) => void, proc: GuardedProcess = process): () => void {
  const log = (kind: string, err: unknown) => {
    const e = err instanceof Error ? { message: err.message, stack: err.stack } : { message: String(err) };
    const line = JSON.stringify({ time: new Date().toISOString(), level: 'fatal', kind, ...e, msg: 'main process error caught; the app keeps running' });
    write(line);
    console.error(`switchboard: ${kind}: ${e.message}`);
  };
  const onException = (err: Error) => log('uncaughtException', err);
  const onRejection = (reason: unknown) => log('unhandledRejection', reason);
  proc.on('uncaughtException', onException);
  proc.on('unhandledRejection', onRejection);
  return () => {
    proc.off('uncaughtException', onException);
    proc.off('unhandledRejection', onRejection);
  };
}
