// tsc copies no SQL or images: put the migrations next to the compiled store and the tray icons
// next to the compiled shell, where each reads them.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './build-if-needed.js';

cpSync(join(root, 'main', 'station', 'store', 'migrations'), join(root, 'dist', 'main', 'station', 'store', 'migrations'), {
  recursive: true,
});
cpSync(join(root, 'main', 'electron', 'assets'), join(root, 'dist', 'main', 'electron', 'assets'), { recursive: true });
