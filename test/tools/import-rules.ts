// DESIGN §2's import rules as code. Imports are found with the TypeScript compiler's own
// pre-processor (import/export … from, `import type`, dynamic import(), require(), import = require,
// /// <reference types>), so no form of import slips past as it would with a regex.

import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix } from 'node:path';
import ts from 'typescript';

export interface SourceFile {
  /** Repository-relative, with forward slashes: `main/station/domain/phone.ts`. */
  path: string;
  text: string;
}

export interface ImportViolation {
  file: string;
  specifier: string;
  /** The rule broken, in words a reader of DESIGN §2 recognises. */
  rule: string;
}

/** The folders the rules speak about; everything else (test/, bench/, configs) is free. */
export const CHECKED_ROOTS = ['shared', 'renderer', 'main'] as const;

const SOURCE_EXTENSION = /\.(ts|tsx|cts|mts)$/;

/** Node's built-in modules by bare name (`fs`, `net`, …); `node:`-prefixed ones are caught by prefix. */
const NODE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

type Target =
  | { kind: 'ours'; path: string } // a file in this repository, resolved from a relative import
  | { kind: 'outside'; path: string } // relative, but above the repository root
  | { kind: 'node'; name: string } // node:fs, fs, …
  | { kind: 'package'; name: string }; // an npm package, by its name (scope included)

interface Rule {
  /** Which files the rule governs. */
  appliesTo(file: string): boolean;
  /** A reason when `target` is not allowed from such a file, else null. */
  refuse(target: Target): string | null;
}

const under = (dir: string) => (path: string) => path.startsWith(`${dir}/`);
const inShared = under('shared');
const inRenderer = under('renderer');
const inStation = under('main/station');
const inDomain = under('main/station/domain');
const inCarriers = under('main/station/carriers');
const inStore = under('main/station/store');
const inElectronShell = under('main/electron');

/** Packages the pure domain may use: libphonenumber-js is metadata and arithmetic, zod is schemas. */
const DOMAIN_PACKAGES = new Set(['libphonenumber-js', 'zod']);

const RULES: Rule[] = [
  {
    appliesTo: inShared,
    refuse: (t) =>
      t.kind === 'ours' && !inShared(t.path) ? 'shared imports nothing of ours outside shared/'
      : t.kind === 'node' ? 'shared runs in the browser and in Node: no Node built-ins'
      : t.kind === 'package' && t.name !== 'zod' ? 'shared may use no package but zod'
      : null,
  },
  {
    appliesTo: inRenderer,
    refuse: (t) =>
      t.kind === 'ours' && !inRenderer(t.path) && !inShared(t.path) ? 'renderer imports only shared/ (and itself)'
      : t.kind === 'node' ? 'renderer is a web page: no Node built-ins'
      : null,
  },
  {
    appliesTo: inStation,
    refuse: (t) =>
      t.kind === 'ours' && !inStation(t.path) && !inShared(t.path)
        ? 'main/station imports only shared/ (and itself): never main/electron, renderer or the CLI'
        : null,
  },
  {
    appliesTo: inDomain,
    refuse: (t) =>
      t.kind === 'ours' && !inDomain(t.path) && !inShared(t.path) ? 'domain imports only domain/ and shared/'
      : t.kind === 'node' ? 'domain is pure: no Node built-ins (no I/O)'
      : t.kind === 'package' && !DOMAIN_PACKAGES.has(t.name)
        ? `domain is pure: no packages but ${[...DOMAIN_PACKAGES].join(', ')}`
      : null,
  },
  {
    appliesTo: inCarriers,
    refuse: (t) => (t.kind === 'ours' && inStore(t.path) ? 'carriers do not know the store' : null),
  },
  {
    appliesTo: inElectronShell,
    refuse: (t) =>
      t.kind === 'ours' && !inElectronShell(t.path) && !inStation(t.path) && !inShared(t.path)
        ? 'main/electron imports only main/station and shared/'
        : null,
  },
  {
    appliesTo: (file) => !inElectronShell(file),
    refuse: (t) => (t.kind === 'package' && t.name === 'electron' ? "only main/electron imports 'electron'" : null),
  },
  {
    appliesTo: () => true,
    refuse: (t) => (t.kind === 'outside' ? 'imports from outside the repository' : null),
  },
];

/** Every specifier a file imports, in source order (type-only imports included). */
export function importsOf(file: SourceFile): string[] {
  const info = ts.preProcessFile(file.text, true, true);
  return [
    ...info.importedFiles.map((f) => f.fileName),
    ...info.referencedFiles.map((f) => (f.fileName.startsWith('.') ? f.fileName : `./${f.fileName}`)),
    ...info.typeReferenceDirectives.map((f) => f.fileName),
  ];
}

export function classify(fromFile: string, specifier: string): Target {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const path = posix.normalize(posix.join(posix.dirname(fromFile), specifier));
    return path.startsWith('../') || path.startsWith('/') ? { kind: 'outside', path } : { kind: 'ours', path };
  }
  if (specifier.startsWith('node:')) return { kind: 'node', name: specifier.slice(5) };
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  // `/// <reference types="node" />` pulls in Node's types the same way `import 'node:fs'` does.
  if (NODE_BUILTINS.has(name) || name === 'node' || name === '@types/node') return { kind: 'node', name };
  return { kind: 'package', name };
}

export function checkImports(files: readonly SourceFile[]): ImportViolation[] {
  const violations: ImportViolation[] = [];
  for (const file of files) {
    const rules = RULES.filter((r) => r.appliesTo(file.path));
    if (rules.length === 0) continue;
    for (const specifier of importsOf(file)) {
      const target = classify(file.path, specifier);
      for (const rule of rules) {
        const reason = rule.refuse(target);
        if (reason !== null) violations.push({ file: file.path, specifier, rule: reason });
      }
    }
  }
  return violations;
}

/** Reads every TypeScript file under the checked roots; `root` is the repository folder. */
export function collectSourceFiles(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (SOURCE_EXTENSION.test(entry.name)) {
        files.push({ path, text: readFileSync(join(root, path), 'utf8') });
      }
    }
  };
  for (const dir of CHECKED_ROOTS) walk(dir);
  return files;
}

export function formatViolations(violations: readonly ImportViolation[]): string {
  return violations.map((v) => `${v.file}: import '${v.specifier}' — ${v.rule}`).join('\n');
}
