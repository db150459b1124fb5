import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contextBridge, resetElectronFake } from './electron-fake.js';

// Only for window.ts, imported below; the preload itself is run with its own sandboxed require.
vi.mock('electron', () => import('./electron-fake.js'));

const SOURCE = readFileSync(new URL('../../main/electron/preload.cts', import.meta.url), 'utf8');
const STATION_URL_ARG = '--switchboard-station-url=';

/**
 * Runs the preload the way Chromium runs a sandboxed one: compiled to CommonJS and called with a
 * `require` that knows only 'electron', and a `process` that carries argv.
 */
function runPreload(argv: string[]): void {
  const js = ts.transpileModule(SOURCE, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const sandboxedRequire = (id: string) => {
    if (id === 'electron') return { contextBridge };
    throw new Error(`a sandboxed preload cannot require "${id}"`);
  };
  const module = { exports: {} };
  new Function('require', 'process', 'exports', 'module', js)(sandboxedRequire, { argv }, module.exports, module);
}

function identifiersIn(source: string): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('preload.cts', source, ts.ScriptTarget.ES2022, true));
  return names;
}

beforeEach(() => resetElectronFake());

describe('preload', () => {
  it('exposes the station URL, and nothing else, as window.switchboard', () => {
    runPreload(['electron', '--some-flag', `${STATION_URL_ARG}http://127.0.0.1:5000/`]);
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, api] = contextBridge.exposeInMainWorld.mock.calls[0]!;
    expect(key).toBe('switchboard');
    expect(api).toEqual({ stationUrl: 'http://127.0.0.1:5000/' });
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('exposes nothing when the window was not given a station URL', () => {
    runPreload(['electron']);
    expect(contextBridge.exposeInMainWorld).not.toHaveBeenCalled();
  });

  it('imports nothing but electron and never touches IPC or Node', () => {
    const imports = ts.preProcessFile(SOURCE, true, true).importedFiles.map((f) => f.fileName);
    expect(imports).toEqual(['electron']);
    const used = identifiersIn(SOURCE);
    for (const name of ['ipcRenderer', 'webFrame', 'webUtils', 'require', 'Buffer']) {
      expect(used.has(name), `preload uses ${name}`).toBe(false);
    }
  });

  it('reads the same argument name the window passes', async () => {
    const { STATION_URL_ARG: fromWindow } = await import('../../main/electron/window.js');
    expect(fromWindow).toBe(STATION_URL_ARG);
  });
});
