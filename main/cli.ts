// `switchboard` command (DESIGN §6): start a headless station, manage users, import and export.
// Every command takes --data DIR and works while a station runs on the same folder (WAL).
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { createStation } from './station/index.js';
import { defaultDataDir, ConfigError } from './station/config.js';
import { Store } from './station/store/store.js';
import { generatePassword } from './station/auth/passwords.js';
import { Role } from '../shared/protocol/index.js';
import { StationError } from './station/errors.js';
import { SchemaTooNewError } from './station/store/database.js';
import { ApiKeyRepository } from './station/integrations/api-keys.js';
import { exportContactsTo, exportMessagesTo, importContacts, undoImport } from './cli-transfer.js';
import { asStationError } from './station/server/error-codes.js';
import { planCommand, PlanUsageError } from './cli-plans.js';
import { LoginThrottle } from './station/auth/login-throttle.js';
import { installProcessGuard } from './station/resilience/process-guard.js';
import type { Logger } from './station/log.js';

const USAGE = `Usage: switchboard <command> [options]

Commands:
  start [--data DIR] [--host 127.0.0.1] [--port 4938] [--carrier simulator|modem:PATH|smpp|http] [--demo|--empty]
        [--tls-self-signed | --tls-cert FILE --tls-key FILE]
        Start the station and serve the control room (https/wss with TLS; see docs/security.md).
  user add --login L --role admin|dispatcher|viewer [--name N] [--password P] [--all]
        Create a user; without --password one is generated and printed once. --all gives the
        right "all": send to and see everyone (otherwise grant rights in Administration).
  user passwd --login L [--password P]
        Set a new password; the user's open sessions end at once.
  user unlock --login L
        Lift the lock after repeated wrong passwords (also in Administration → Users).
  apikey create --user L [--name N] [--legacy] [--per-minute N] [--burst N]
        Create an API key acting for user L; prints the key once, on stdout alone.
        --legacy also lets old MTS Communicator scripts log in with L and MD5(key).
        --per-minute / --burst: the key's own rate limit (default: the station's).
  apikey limit --id N [--per-minute N|default] [--burst N|default]
        Change a key's rate limit; "default" puts it back on the station's figures.
  apikey mts --id N [--login L|none] [--password P|none] [--token T|none]
        The MTS Communicator sign-in of a key (docs/mts-compat.md): the login and password an
        old script sends (it sends MD5 of the password) and/or its old API 2.x token; "none" removes.
  apikey list
  apikey revoke --id N
  import contacts FILE.xlsx|FILE.csv
        Load contacts (UTF-8 or Windows-1251 CSV, or Excel); re-importing updates by phone.
        Rejected rows are printed and written to FILE.errors.csv.
  import undo
        Undo the last contact import.
  export messages FILE.xlsx [--q TEXT] [--from DATE] [--to DATE] [--direction in|out]
        [--tag T] [--group NAME|ID] [--contact PHONE] [--tz ZONE] [--locale ru|en]
        All messages in and out, or those matching the filters, to Excel.
  export contacts FILE.xlsx|FILE.csv
  plan list
        The alert plans: code, name, the fields a launch fills.
  plan launch CODE [--field NAME=VALUE]… [--drill] [--url URL] [--key KEY]
        Launch a plan on the running station (REST; key from --key or $SWITCHBOARD_API_KEY,
        station from --url or $SWITCHBOARD_URL, default http://127.0.0.1:4938).

Every command takes --data DIR (default: the OS app-data folder, or $SWITCHBOARD_DATA).
`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Out = { log: (line: string) => void; err: (line: string) => void };
const stdio: Out = { log: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

export async function main(argv: string[], out: Out = stdio): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'start':
        return await start(rest, out);
      case 'user':
        return await user(rest, out);
      case 'apikey':
        return await apikey(rest, out);
      case 'import':
        return await transfer('import', rest, out);
      case 'export':
        return await transfer('export', rest, out);
      case 'plan':
        return await planCommand(rest, defaultDataDir, out);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out.log(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof PlanUsageError) {
      out.err(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof ConfigError || err instanceof StationError || err instanceof SchemaTooNewError) {
      out.err(err.message);
      return 1;
    }
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      out.err(`The port is already in use: another station may be running. Pick another with --port.`);
      return 1;
    }
    throw err;
  }
}

function parse<T extends Record<string, { type: 'string' | 'boolean' }>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: { data: { type: 'string' }, ...options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function start(args: string[], out: Out): Promise<number> {
  const { values } = parse(args, {
    host: { type: 'string' },
    port: { type: 'string' },
    carrier: { type: 'string' },
    demo: { type: 'boolean' },
    empty: { type: 'boolean' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'tls-self-signed': { type: 'boolean' },
  });
  if (values.demo && values.empty) throw new UsageError('--demo and --empty exclude each other.');
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) throw new UsageError('--tls-cert and --tls-key go together.');
  if (values['tls-self-signed'] && values['tls-cert']) throw new UsageError('--tls-self-signed and --tls-cert exclude each other.');
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}".`);
  }
  const dataDir = values.data ?? defaultDataDir();
  // Nothing a part of the station throws past its own guards ends the process: it is logged.
  let stationLog: Logger | null = null;
  const guard = installProcessGuard(() => stationLog, (line) => out.err(line));
  const station = await createStation({
    dataDir,
    ...(values.host ? { host: values.host } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(values.carrier ? { carrier: values.carrier } : {}),
    demo: values.demo === true,
    ...tlsOption(values['tls-cert'], values['tls-key'], values['tls-self-signed'] === true),
  });
  if (station.exposed && !station.tls) {
    out.err(`Warning: listening on ${station.config.host}, reachable from other machines, without TLS: passwords and messages cross the network in clear. Add --tls-self-signed (docs/security.md).`);
  }
  stationLog = station.core.log;
  out.log(`Switchboard ${station.core.version}: control room at ${station.url}  (data: ${dataDir})`);
  if (station.tls) {
    out.log(`TLS certificate ${station.tls.certFile}${station.tls.selfSigned ? ' (self-signed)' : ''}, SHA-256 fingerprint ${station.tls.fingerprint}`);
  }
  if (station.initialAdminPassword) {
    out.log(`First start: log in as "admin" with password ${station.initialAdminPassword}  (shown once; change it in the admin screen)`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  out.log('Stopping…');
  await station.stop();
  guard.remove();
  return 0;
}

function tlsOption(cert: string | undefined, key: string | undefined, selfSigned: boolean) {
  if (cert && key) return { server: { tls: { cert, key, selfSigned: false } } };
  if (selfSigned) return { server: { tls: { selfSigned: true } } };
  return {};
}

async function user(args: string[], out: Out): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parse(rest, {
    login: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
    all: { type: 'boolean' },
  });
  if (!values.login) throw new UsageError('--login is required.');
  // Arguments first: a usage error must not depend on the data folder opening.
  if (sub === 'add' && !Role.safeParse(values.role).success) throw new UsageError('--role must be admin, dispatcher or viewer.');
  const store = Store.open(join(values.data ?? defaultDataDir(), 'switchboard.db'));
  try {
    const generated = values.password === undefined;
    const password = values.password ?? generatePassword();
    if (sub === 'add') {
      const role = Role.safeParse(values.role);
      if (!role.success) throw new UsageError('--role must be admin, dispatcher or viewer.');
      const created = await store.users.create({ login: values.login, role: role.data, password, ...(values.name ? { name: values.name } : {}) });
      store.audit.record({ userId: null, name: 'cli' }, 'user.create', `user:${created.login}`, { role: created.role });
      if (values.all) {
        store.db.prepare(`INSERT OR IGNORE INTO rights (user_id, scope, target_id) VALUES (?, 'all', NULL)`).run(created.id);
        store.audit.record({ userId: null, name: 'cli' }, 'rights.change', `user:${created.login}`, { after: { rights: [{ scope: 'all', targetId: null }] } });
      }
      out.log(`Created ${created.role} "${created.login}".${generated ? ` Password: ${password}` : ''}`);
      return 0;
    }
    if (sub === 'passwd') {
      if (!(await store.users.setPassword(values.login, password))) throw new StationError('not_found', `No user "${values.login}".`);
      store.audit.record({ userId: null, name: 'cli' }, 'user.password', `user:${values.login}`);
      out.log(`Password of "${values.login}" changed; every open session of the user was ended.${generated ? ` New password: ${password}` : ''}`);
      return 0;
    }
    if (sub === 'unlock') {
      const lifted = new LoginThrottle(store.db, store.audit).unlock('account', values.login);
      store.audit.record({ userId: null, name: 'cli' }, 'login.unlock', `account:${values.login.toLowerCase()}`, { lifted });
      out.log(lifted ? `Logins of "${values.login}" unlocked.` : `"${values.login}" was not locked.`);
      return 0;
    }
    throw new UsageError(`Unknown user command "${sub ?? ''}". Use "user add", "user passwd" or "user unlock".`);
  } catch (err) {
    if (err instanceof Error && err.name === 'UserExistsError') {
      out.err(err.message);
      return 1;
    }
    throw err;
  } finally {
    store.close();
  }
}

async function apikey(args: string[], out: Out): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parse(rest, {
    user: { type: 'string' },
    name: { type: 'string' },
    legacy: { type: 'boolean' },
    id: { type: 'string' },
    login: { type: 'string' },
    password: { type: 'string' },
    token: { type: 'string' },
    'per-minute': { type: 'string' },
    burst: { type: 'string' },
  });
  const limit = (flag: 'per-minute' | 'burst'): number | null | undefined => {
    const raw = values[flag];
    if (raw === undefined) return undefined;
    if (raw === 'default') return null;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${flag} takes a whole number of calls (or "default").`);
    return n;
  };
  const store = Store.open(join(values.data ?? defaultDataDir(), 'switchboard.db'));
  try {
    const keys = new ApiKeyRepository(store.db);
    const cli = { userId: null, name: 'cli' };
    if (sub === 'create') {
      if (!values.user) throw new UsageError('--user is required.');
      const { key, view } = keys.create(values.user, values.name ?? 'API key', values.legacy === true, Date.now(), {
        ratePerMinute: limit('per-minute'),
        burst: limit('burst'),
      });
      store.audit.record(cli, 'apikey.create', `apikey:${view.prefix}`, { user: view.userLogin, legacy: view.legacy });
      // The key alone on stdout, so `KEY=$(switchboard apikey create …)` works.
      out.log(key);
      return 0;
    }
    if (sub === 'list') {
      for (const k of keys.list()) {
        const used = k.lastUsedAt ? new Date(k.lastUsedAt).toISOString() : 'never';
        const rate = k.ratePerMinute !== null || k.burst !== null ? `\tlimit ${k.ratePerMinute ?? 'default'}/min, ${k.burst ?? 'default'} at once` : '';
        const mts = k.m2mLogin !== null || k.m2mToken ? `\tMTS ${k.m2mLogin ?? ''}${k.m2mToken ? ' +token' : ''}`.trimEnd() : '';
        out.log(`${k.id}\t${k.prefix}…\t${k.userLogin}\t${k.name}\t${k.revokedAt ? 'revoked' : 'active'}\tlast used ${used}${k.legacy ? '\tlegacy' : ''}${rate}${mts}`);
      }
      return 0;
    }
    if (sub === 'limit') {
      const id = Number(values.id);
      if (!Number.isInteger(id)) throw new UsageError('--id N is required (see "apikey list").');
      const before = keys.byId(id);
      if (!before) throw new StationError('not_found', `No key with id ${id}.`);
      const next = { ratePerMinute: limit('per-minute') ?? null, burst: limit('burst') ?? null };
      if (values['per-minute'] === undefined) next.ratePerMinute = before.ratePerMinute;
      if (values.burst === undefined) next.burst = before.burst;
      keys.setLimits(id, next);
      store.audit.record(cli, 'apikey.limits', `apikey:${id}`, { before: { ratePerMinute: before.ratePerMinute, burst: before.burst }, after: next });
      out.err(`Key ${id}: ${next.ratePerMinute ?? 'default'} calls a minute, ${next.burst ?? 'default'} at once.`);
      return 0;
    }
    if (sub === 'mts') {
      const id = Number(values.id);
      if (!Number.isInteger(id)) throw new UsageError('--id N is required (see "apikey list").');
      const given = (v: string | undefined) => (v === undefined ? undefined : v === 'none' ? null : v);
      const change = { login: given(values.login), password: given(values.password), token: given(values.token) };
      const view = await keys.setM2m(id, Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)));
      const said = (v: string | null | undefined) => (v === undefined ? 'unchanged' : v === null ? 'removed' : 'set');
      store.audit.record(cli, 'apikey.m2m', `apikey:${id}`, { login: view.m2mLogin, password: said(change.password), token: said(change.token) });
      out.err(`Key ${id}: MTS login ${view.m2mLogin ?? '(none)'}, password ${view.m2mPassword ? 'set' : 'not set'}, token ${view.m2mToken ? 'set' : 'not set'}.`);
      return 0;
    }
    if (sub === 'revoke') {
      const id = Number(values.id);
      if (!Number.isInteger(id)) throw new UsageError('--id N is required (see "apikey list").');
      if (!keys.revoke(id)) throw new StationError('not_found', `No active key with id ${id}.`);
      store.audit.record(cli, 'apikey.revoke', `apikey:${id}`);
      out.err(`Key ${id} revoked.`);
      return 0;
    }
    throw new UsageError(`Unknown apikey command "${sub ?? ''}". Use "apikey create", "apikey list", "apikey limit", "apikey mts" or "apikey revoke".`);
  } finally {
    store.close();
  }
}

async function transfer(verb: 'import' | 'export', args: string[], out: Out): Promise<number> {
  const { values, positionals } = parse(args, {
    q: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    direction: { type: 'string' },
    tag: { type: 'string' },
    group: { type: 'string' },
    contact: { type: 'string' },
    tz: { type: 'string' },
    locale: { type: 'string' },
  });
  const [what, file] = positionals;
  const store = Store.open(join(values.data ?? defaultDataDir(), 'switchboard.db'));
  try {
    if (verb === 'import' && what === 'undo') return undoImport(store, out);
    if (!file) throw new UsageError(`Name the file: switchboard ${verb} ${what ?? 'contacts'} FILE.`);
    if (verb === 'import' && what === 'contacts') return await importContacts(store, file, out);
    if (verb === 'export' && what === 'messages') return await exportMessagesTo(store, file, values, out);
    if (verb === 'export' && what === 'contacts') return await exportContactsTo(store, file, out);
    throw new UsageError(`Unknown: ${verb} ${what ?? ''}.`);
  } catch (err) {
    const e = asStationError(err);
    if (e instanceof StationError) {
      out.err(e.message);
      return 1;
    }
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      out.err(`There is no file ${(err as NodeJS.ErrnoException).path ?? file}.`);
      return 1;
    }
    throw err;
  } finally {
    store.close();
  }
}
