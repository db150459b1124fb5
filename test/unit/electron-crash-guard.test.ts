// The desktop main process logs what escapes instead of dying (issue 14, Electron hardening).
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fileWriter, installMainProcessGuard } from '../../main/electron/crash-guard.js';

describe('main-process guard', () => {
  it('writes an uncaught exception and an unhandled rejection to the shell log and keeps running', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const file = join(mkdtempSync(join(tmpdir(), 'sb-shell-')), 'logs', 'shell.log');
    const proc = new EventEmitter();
    const remove = installMainProcessGuard(fileWriter(file), proc as never);
    proc.emit('uncaughtException', new Error('serial port vanished'));
    proc.emit('unhandledRejection', 'late promise');
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; message: string });
    expect(lines.map((l) => [l.kind, l.message])).toEqual([
      ['uncaughtException', 'serial port vanished'],
      ['unhandledRejection', 'late promise'],
    ]);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    remove();
    expect(proc.listenerCount('uncaughtException')).toBe(0);
  });

  it('never throws itself, even when the log cannot be written', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const proc = new EventEmitter();
    installMainProcessGuard(fileWriter(join(mkdtempSync(join(tmpdir(), 'sb-shell-ro-')), 'not-a-dir', 'x.log').replace('not-a-dir', '\0bad')), proc as never);
    expect(() => proc.emit('uncaughtException', new Error('x'))).not.toThrow();
  });
});
