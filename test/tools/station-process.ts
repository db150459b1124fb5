// Runs a station as a separate process (as `switchboard start` would), so a test can kill it
// with SIGKILL and start it again on the same data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../../main/cli-entry.ts', import.meta.url));

export interface StationProcess {
  child: ChildProcess;
  url: string;
  adminPassword: string | null;
  output: () => string;
}

export function startStationProcess(args: string[], timeoutMs = 30_000): Promise<StationProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'start', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`station did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /control room at (https?:\/\/\S+)/.exec(out);
      if (url) {
        clearTimeout(timer);
        const password = /password (\S+)/.exec(out);
        // Give the password line (printed right after) a moment to arrive.
        setTimeout(() => {
          const pw = /with password (\S+)/.exec(out) ?? password;
          resolve({ child, url: url[1]!, adminPassword: pw ? pw[1]! : null, output: () => out });
        }, 50);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`station exited with ${code}:\n${out}`));
    });
  });
}

export function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
