// Station configuration: `config.json` in the data folder (validated), overridden by env vars,
// overridden by what the caller (CLI flags, Electron shell) passes.
import { existsSync, readFileSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { IntegrationsConfig } from './integrations/config.js';
import { ServerConfig } from './server/config.js';

export const CarrierSpec = z
  .string()
  .regex(/^(simulator|modem:.+|smpp|http)$/, 'carrier is one of simulator, modem:PATH, smpp, http');

export const StationConfig = z
  .object({
    dataDir: z.string().min(1),
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(4938),
    /** Which carriers run; unset: every route under `carriers`, or the simulator when none. */
    carrier: CarrierSpec.optional(),
    /** Carrier routes (modem, smpp, http), validated by carriers/from-config.ts. */
    carriers: z.array(z.record(z.string(), z.unknown())).default([]),
    /** Numbering-plan data for preferring a carrier by the recipient's operator. */
    operators: z.unknown().optional(),
    /** Fill an empty data folder with the demo organisation. */
    demo: z.boolean().default(false),
    /** Folder with the built renderer; the station serves it at `/`. */
    rendererDir: z.string().optional(),
    simulator: z
      .object({
        seed: z.number().int().optional(),
        deliveryLatencyMs: z.tuple([z.number(), z.number()]).optional(),
        replyLatencyMs: z.tuple([z.number(), z.number()]).optional(),
        failureRate: z.number().min(0).max(1).optional(),
        replyRate: z.number().min(0).max(1).optional(),
        submitLatencyMs: z.number().min(0).optional(),
        ledgerFile: z.string().optional(),
      })
      .strict()
      .default({}),
    outbox: z
      .object({
        batchSize: z.number().int().positive().optional(),
        retryBaseMs: z.number().positive().optional(),
        /** The retry delay after transient refusals doubles up to this (docs/carriers.md). */
        maxRetryDelayMs: z.number().positive().optional(),
        /** Carrier id → most SMS per second it is given (a modem, a contracted SMPP rate). */
        rateLimits: z.record(z.string(), z.number().positive()).optional(),
        /** How long an SMS waits for a degraded best carrier before another takes it (docs/carriers.md). */
        moveAfterMs: z.object({ high: z.number().int().min(0), normal: z.number().int().min(0) }).strict().optional(),
        /** How long an SMS in doubt waits for its late answer before it is sent again. */
        inDoubtGraceMs: z.number().int().min(100).optional(),
        /** When what the outbox sees makes a carrier degraded or down (carriers/health/lane-health.ts). */
        health: z.record(z.string(), z.number().min(0)).optional(),
      })
      .strict()
      .default({}),
    replyWindowHours: z.number().positive().default(24),
    integrations: IntegrationsConfig.prefault({}),
    /** Names, origins, TLS and upload limits of the http/ws listener (docs/security.md). */
    server: ServerConfig.prefault({}),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .strict();
export type StationConfig = z.infer<typeof StationConfig>;
export type StationConfigInput = z.input<typeof StationConfig>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The OS app-data folder (what Electron's userData would be), or SWITCHBOARD_DATA. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SWITCHBOARD_DATA) return env.SWITCHBOARD_DATA;
  const home = homedir();
  switch (platform()) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Switchboard');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Switchboard');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Switchboard');
  }
}

/** Merges `DATA/config.json`, env overrides and explicit options, then validates. */
/** `reveal` opens config.json's sealed secrets (secrets/config-secrets.ts) before validation. */
export function loadConfig(
  explicit: Partial<StationConfigInput> & { dataDir: string },
  env = process.env,
  reveal: (fromFile: Record<string, unknown>) => Record<string, unknown> = (f) => f,
): StationConfig {
  const file = join(explicit.dataDir, 'config.json');
  let fromFile: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError(`${file} is not valid JSON (${(err as Error).message}). Fix or remove it.`);
    }
    fromFile = reveal(fromFile);
  }
  const fromEnv: Record<string, unknown> = {};
  if (env.SWITCHBOARD_HOST) fromEnv.host = env.SWITCHBOARD_HOST;
  if (env.SWITCHBOARD_PORT) fromEnv.port = Number(env.SWITCHBOARD_PORT);
  if (env.SWITCHBOARD_CARRIER) fromEnv.carrier = env.SWITCHBOARD_CARRIER;
  const defined = Object.fromEntries(Object.entries(explicit).filter(([, v]) => v !== undefined));
  const merged: Record<string, unknown> = { ...fromFile, ...fromEnv, ...defined };
  // A flag such as --tls-self-signed adds to the file's `server` section instead of replacing it.
  if (isObject(fromFile.server) && isObject(defined.server)) merged.server = { ...fromFile.server, ...defined.server };
  const parsed = StationConfig.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Configuration error at "${issue.path.join('.') || '(root)'}": ${issue.message}. Check ${file}.`);
  }
  return parsed.data;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
