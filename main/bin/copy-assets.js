// tsc copies no SQL: put the migrations next to the compiled store, where it reads them.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './build-if-needed.js';

cpSync(join(root, 'main', 'station', 'store', 'migrations'), join(root, 'dist', 'main', 'station', 'store', 'migrations'), {
  recursive: true,
});
