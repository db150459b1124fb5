import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  checkImports,
  collectSourceFiles,
  formatViolations,
  importsOf,
  type SourceFile,
} from '../tools/import-rules.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The specifiers `file` was refused, for compact expectations. */
function refused(files: SourceFile[]): string[] {
  return checkImports(files).map((v) => `${v.file} -> ${v.specifier}`);
}
const file = (path: string, text: string): SourceFile => ({ path, text });

describe('import rules (DESIGN §2) on this repository', () => {
  it('are kept by every file under shared/, renderer/ and main/', () => {
    const files = collectSourceFiles(ROOT);
    expect(files.length).toBeGreaterThan(10); // the walk really found the code
    expect(files.map((f) => f.path)).toContain('main/electron/preload.cts');
    const violations = checkImports(files);
    expect(violations, `\n${formatViolations(violations)}\n`).toEqual([]);
  });
});

describe('import rules checker', () => {
  it('sees every form of import, not just `import … from`', () => {
    const text = [
      // Triple-slash directives count only at the top of a file, as in TypeScript itself.
      '/// <reference types="node" />',
      "import a from './a.js';",
      "import type { B } from './b.js';",
      "export * from './c.js';",
      "export { d } from './d.js';",
      "const e = await import('./e.js');",
      "const f = require('./f.cjs');",
      "import g = require('./g.js');",
      "import './h.css';",
    ].join('\n');
    expect(importsOf(file('x.ts', text))).toEqual(
      expect.arrayContaining(['./a.js', './b.js', './c.js', './d.js', './e.js', './f.cjs', './g.js', './h.css', 'node']),
    );
  });

  it('finds the violations in a deliberately bad set of files, naming file and import', () => {
    const bad: SourceFile[] = [
      file('shared/protocol/x.ts', "export * from '../../main/station/index.js';\nimport 'node:fs';\nimport 'ws';\nimport { z } from 'zod';"),
      file('renderer/app/x.tsx', "import { createStation } from '../../main/station/index.js';\nimport { readFile } from 'fs';"),
      file('main/station/server/x.ts', "import { app } from 'electron';\nimport '../../electron/window.js';\nimport '../../../renderer/main.js';"),
      file('main/station/domain/x.ts', "import Database from 'better-sqlite3';\nimport { SerialPort } from 'serialport';\nimport '../store/contacts.js';\nimport 'node:net';"),
      file('main/station/carriers/modem/x.ts', "import { Store } from '../../store/store.js';"),
      file('main/cli.ts', "const { app } = await import('electron');"),
    ];
    expect(refused(bad)).toEqual([
      'shared/protocol/x.ts -> ../../main/station/index.js',
      'shared/protocol/x.ts -> node:fs',
      'shared/protocol/x.ts -> ws',
      'renderer/app/x.tsx -> ../../main/station/index.js',
      'renderer/app/x.tsx -> fs',
      'main/station/server/x.ts -> electron',
      'main/station/server/x.ts -> ../../electron/window.js',
      'main/station/server/x.ts -> ../../../renderer/main.js',
      'main/station/domain/x.ts -> better-sqlite3',
      'main/station/domain/x.ts -> serialport',
      'main/station/domain/x.ts -> ../store/contacts.js',
      'main/station/domain/x.ts -> node:net',
      'main/station/carriers/modem/x.ts -> ../../store/store.js',
      'main/cli.ts -> electron',
    ]);
    const message = formatViolations(checkImports(bad));
    expect(message).toContain("shared/protocol/x.ts: import 'node:fs' — shared runs in the browser and in Node");
    expect(message).toContain("main/station/carriers/modem/x.ts: import '../../store/store.js' — carriers do not know the store");
  });

  it('lets each layer import what DESIGN §2 allows', () => {
    const good: SourceFile[] = [
      file('shared/protocol/x.ts', "import { z } from 'zod';\nexport * from './entities.js';"),
      file('renderer/app/x.tsx', "import { useState } from 'react';\nimport type { MessageView } from '../../shared/protocol/index.js';\nimport './x.css';"),
      file('main/station/store/x.ts', "import Database from 'better-sqlite3';\nimport { join } from 'node:path';\nimport '../domain/phone.js';\nimport '../../../shared/protocol/index.js';"),
      file('main/station/domain/x.ts', "import { parsePhoneNumber } from 'libphonenumber-js/max';\nimport './gsm7.js';\nimport type { X } from '../../../shared/protocol/index.js';"),
      file('main/station/carriers/x.ts', "import { SerialPort } from 'serialport';\nimport '../domain/segments.js';"),
      file('main/electron/x.ts', "import { app } from 'electron';\nimport '../station/index.js';\nimport '../../shared/protocol/index.js';"),
      file('test/unit/x.test.ts', "import '../../main/electron/app.js';\nimport 'node:fs';"),
    ];
    expect(refused(good)).toEqual([]);
  });

  it('refuses an import that climbs out of the repository', () => {
    expect(refused([file('main/electron/x.ts', "import '../../../elsewhere/x.js';")])).toEqual([
      'main/electron/x.ts -> ../../../elsewhere/x.js',
    ]);
  });
});
