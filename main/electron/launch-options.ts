// Command-line options the desktop app understands. Pure, so it is tested without Electron.

export interface LaunchOptions {
  /** `--data DIR`, else env `SWITCHBOARD_DATA` (as for the CLI); null means Electron's userData folder. */
  dataDir: string | null;
  /** `--port P`: fixed port for the station; 0 (the default) lets the OS pick a free one. */
  port: number;
  /** Fill an empty data folder with the demo organisation; `--empty` turns it off (as in the CLI). */
  demo: boolean;
}

export function parseLaunchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): LaunchOptions {
  const options: LaunchOptions = { dataDir: null, port: 0, demo: !argv.includes('--empty') };
  const dataDir = optionValue(argv, '--data') ?? (env.SWITCHBOARD_DATA || null);
  if (dataDir !== null) options.dataDir = dataDir;
  const port = optionValue(argv, '--port');
  if (port !== null) {
    const n = Number(port);
    if (!Number.isInteger(n) || n < 0 || n > 65535) {
      throw new Error(`--port must be a number from 0 to 65535, got "${port}"`);
    }
    options.port = n;
  }
  return options;
}

/** Accepts both `--name value` and `--name=value`; the last occurrence wins, as in most CLIs. */
function optionValue(argv: readonly string[], name: string): string | null {
  let value: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === name && i + 1 < argv.length) value = argv[++i];
    else if (arg.startsWith(`${name}=`)) value = arg.slice(name.length + 1);
  }
  return value;
}
