// electron-builder cannot package here (it downloads Electron), so the config is checked the way
// electron-builder itself would load and validate it, plus the facts it relies on in this repo.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// electron-builder's own loader and schema validator, reached through electron-builder (our
// devDependency) so the versions are the ones `npx electron-builder` would run.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { getConfig, validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger } = fromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

interface BuilderConfig {
  appId?: string;
  productName?: string;
  directories?: { output?: string; buildResources?: string };
  files?: { filter?: string[] }[];
  extraResources?: { from: string; to: string }[];
  asarUnpack?: string[];
  win?: { target?: unknown };
  linux?: { target?: unknown; category?: string; maintainer?: string };
  electronFuses?: Record<string, boolean>;
}

const config = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
};

/** Packages with a node-gyp addon among the production dependencies and theirs. */
function nativeProductionPackages(): string[] {
  const seen = new Set<string>();
  const queue = Object.keys(pkg.dependencies);
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const file = join(ROOT, 'node_modules', name, 'package.json');
    if (!existsSync(file)) continue; // optional or platform-specific, not installed here
    const deps = (JSON.parse(readFileSync(file, 'utf8')) as { dependencies?: Record<string, string> }).dependencies;
    queue.push(...Object.keys(deps ?? {}));
  }
  return [...seen].filter((name) => existsSync(join(ROOT, 'node_modules', name, 'binding.gyp')));
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  }, 30_000); // compiling electron-builder's JSON schema takes seconds on a busy machine

  it('names the app and writes installers to release/', () => {
    expect(config.appId).toBe('ru.switchboard.app');
    expect(config.productName).toBe('Switchboard');
    expect(config.directories?.output).toBe('release');
  });

  it('packs dist/ and package.json, whose main is the built Electron entry', () => {
    const patterns = config.files?.flatMap((f) => f.filter ?? []) ?? [];
    expect(patterns).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect(pkg.main).toBe('dist/main/electron/app.js');
    expect(existsSync(join(ROOT, 'main/electron/app.ts'))).toBe(true);
  });

  it('ships the SQL migrations as a resource', () => {
    expect(config.extraResources).toEqual([
      expect.objectContaining({ from: 'main/station/store/migrations', to: 'migrations' }),
    ]);
    const sql = readdirSync(join(ROOT, 'main/station/store/migrations')).filter((f) => f.endsWith('.sql'));
    expect(sql.length).toBeGreaterThan(0);
  });

  it('keeps every native addon of the production dependencies out of the asar archive', () => {
    const natives = nativeProductionPackages();
    expect(natives).toEqual(expect.arrayContaining(['better-sqlite3', '@serialport/bindings-cpp']));
    for (const name of natives) {
      const scopeOrName = name.startsWith('@') ? name.split('/')[0] : name;
      const covered = config.asarUnpack?.some(
        (p) => p === `**/node_modules/${name}/**` || p === `**/node_modules/${scopeOrName}/**`,
      );
      expect(covered, `${name} is not in asarUnpack`).toBe(true);
    }
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('builds an NSIS installer for Windows and AppImage + deb for Linux', () => {
    expect(config.win?.target).toBe('nsis');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Network');
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/); // deb refuses to build without an e-mail
  });

  it('flips the Electron fuses that only configuration can: no run-as-node, no NODE_OPTIONS or --inspect, asar only and checked, cookies encrypted', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // onlyLoadAppFromAsar needs an archive to load from.
    expect((config as { asar?: boolean }).asar).not.toBe(false);
  });

  it('has the app icon in its build resources, large enough for every target', () => {
    const icon = join(ROOT, config.directories?.buildResources ?? 'build', 'icon.png');
    const png = readFileSync(icon);
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(256); // IHDR width
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(256); // IHDR height
  });
});
