// `switchboard plan …`: list the alert plans of a data folder, and launch one on the running
// station over its REST door (a launch must be sent, escalated and rung by the station itself,
// so the CLI never sends behind its back). The key acts with its user's rights, as any script.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { Store } from './station/store/store.js';
import { PlanRepository } from './station/plans/plan-store.js';
import { templateFields } from '../shared/plans/template.js';

type Out = { log: (line: string) => void; err: (line: string) => void };

export class PlanUsageError extends Error {
  override readonly name = 'PlanUsageError';
}

export async function planCommand(args: string[], dataDir: () => string, out: Out): Promise<number> {
  const [sub, ...rest] = args;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { data: { type: 'string' }, field: { type: 'string', multiple: true }, drill: { type: 'boolean' }, url: { type: 'string' }, key: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new PlanUsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (sub === 'list') {
    const store = Store.open(join(values.data ?? dataDir(), 'switchboard.db'));
    try {
      for (const p of new PlanRepository(store.db).all()) {
        const fields = templateFields(p.text);
        out.log(`${p.code}\t${p.name}${fields.length ? `\tfields: ${fields.join(', ')}` : ''}`);
      }
    } finally {
      store.close();
    }
    return 0;
  }
  if (sub !== 'launch') throw new PlanUsageError(`Unknown plan command "${sub ?? ''}". Use "plan list" or "plan launch CODE".`);
  const code = positionals[0];
  if (!code) throw new PlanUsageError('Name the plan: switchboard plan launch CODE [--field NAME=VALUE]…');
  const key = values.key ?? process.env.SWITCHBOARD_API_KEY;
  if (!key) throw new PlanUsageError('Give an API key with --key KEY or $SWITCHBOARD_API_KEY (switchboard apikey create --user LOGIN).');
  const fields: Record<string, string> = {};
  for (const f of values.field ?? []) {
    const eq = f.indexOf('=');
    if (eq < 1) throw new PlanUsageError(`--field "${f}" must be NAME=VALUE, e.g. --field объект=ПС-12.`);
    fields[f.slice(0, eq).trim()] = f.slice(eq + 1).trim();
  }
  const base = (values.url ?? process.env.SWITCHBOARD_URL ?? 'http://127.0.0.1:4938').replace(/\/+$/, '');
  let res: Response;
  try {
    res = await fetch(`${base}/api/v1/plans/${encodeURIComponent(code)}/launch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ fields, drill: values.drill === true }),
    });
  } catch (err) {
    out.err(`No station answers at ${base} (${(err as Error).message}). Start it, or point --url at it.`);
    return 1;
  }
  const body = (await res.json().catch(() => ({}))) as {
    broadcastId?: number;
    recipients?: number;
    error?: { message: string };
    onDuty?: { group: string; role: string; people: { name: string | null; phone: string }[] }[];
    refused?: { reason: string }[];
  };
  if (res.status !== 202) {
    out.err(body.error?.message ?? `The station answered ${res.status}.`);
    return 1;
  }
  out.log(`Plan ${code} launched: broadcast ${body.broadcastId}, ${body.recipients} recipients.`);
  for (const d of body.onDuty ?? []) out.log(`  on duty, ${d.group} · ${d.role}: ${d.people.map((p) => p.name ?? p.phone).join(', ') || 'nobody'}`);
  for (const r of body.refused ?? []) out.log(`  refused: ${r.reason}`);
  return 0;
}
