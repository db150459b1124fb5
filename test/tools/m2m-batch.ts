// Drives test/tools/m2m-client.py (python3-zeep + lxml, judged by the operator's published WSDL)
// with one batch of calls per process. Arguments are written once, logically (`msids: [...]`,
// `contacts: [{Msid, Name, Attributes: [...]}]`), and put in each door's own form: zeep's SOAP
// wrappers (`{string: [...]}`), zeep's HTTP lists, or the plain form fields a script sends
// (repeated names, `contacts[0].Attributes[1].Name` for records).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { arrayItem, COMPLEX_TYPES, findOperation, type Field } from '../../main/station/integrations/m2m/contract.js';

export const REFERENCE_WSDL = fileURLToPath(new URL('../fixtures/mts-m2m_api.wsdl', import.meta.url));
const CLIENT = fileURLToPath(new URL('./m2m-client.py', import.meta.url));

export type Via = 'Soap' | 'Soap12' | 'HttpGet' | 'HttpPost' | 'get' | 'post';
export type Logical = { [name: string]: unknown };

export interface M2mCall {
  via: Via;
  op: string;
  args?: Logical;
  pairs?: [string, string][];
  headers?: Record<string, string>;
  charset?: string;
}

export interface M2mAnswer {
  ok?: unknown;
  valid?: true | string;
  fault?: string;
  code?: string;
  detail?: string | null;
  error?: string;
  status?: number;
  xml?: string;
}

/** The logical value in zeep's SOAP shape: an ArrayOf… type is a record holding its item list. */
function soapValue(type: string, value: unknown): unknown {
  const item = arrayItem(type);
  if (item && Array.isArray(value)) return { [item.name]: value.map((v) => soapValue(item.type, v)) };
  const fields = COMPLEX_TYPES[type.replace(/^tns:/, '')];
  if (fields && value && typeof value === 'object' && !Array.isArray(value)) {
    const out: Logical = {};
    for (const [k, v] of Object.entries(value as Logical)) {
      const f = fields.find((x) => x.name === k);
      out[k] = f ? soapValue(f.type, v) : v;
    }
    return out;
  }
  return value;
}

/** Form fields: scalars once, scalar lists repeated, records by index path. */
export function pairsOf(args: Logical): [string, string][] {
  const out: [string, string][] = [];
  const walk = (prefix: string, v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x !== null && typeof x === 'object' ? `${prefix}[${i}]` : prefix, x));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v as Logical)) walk(`${prefix}.${k}`, x);
    else if (v !== undefined) out.push([prefix, v === null ? '' : String(v)]);
  };
  for (const [k, v] of Object.entries(args)) walk(k, v);
  return out;
}

/** One call of `op` through `via`, arguments given logically. */
export function call(via: Via, op: string, args: Logical, extra: Partial<M2mCall> = {}): M2mCall {
  const operation = findOperation(op);
  if (!operation) throw new Error(`no operation ${op}`);
  if (via === 'get' || via === 'post') return { via, op, pairs: pairsOf(args), ...extra };
  const byName = new Map<string, Field>(operation.params.map((p) => [p.name, p]));
  const shaped: Logical = {};
  for (const [k, v] of Object.entries(args)) {
    const field = byName.get(k);
    shaped[k] = via === 'Soap' || via === 'Soap12' ? (field ? soapValue(field.type, v) : v) : v;
  }
  return { via, op, args: shaped, ...extra };
}

/** Runs `command` with `job` as JSON on stdin; one JSON answer per line, `count` of them. */
function runJsonLines(command: string, script: string, job: unknown, count: number, timeoutMs: number): Promise<M2mAnswer[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [script], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const lines = out.trim().split('\n').filter(Boolean);
      if (code !== 0 || lines.length !== count) {
        reject(new Error(`${script} exited ${code} after ${lines.length}/${count} answers: ${err.slice(-2000)}${out.slice(-500)}`));
        return;
      }
      resolve(lines.map((l) => JSON.parse(l) as M2mAnswer));
    });
    child.stdin.end(JSON.stringify(job));
  });
}

/** Runs the batch in one python3 process; one answer per call, in order. */
export function runBatch(address: string, calls: M2mCall[], wsdl = REFERENCE_WSDL, cafile?: string): Promise<M2mAnswer[]> {
  return runJsonLines('/usr/bin/python3', CLIENT, { wsdl, address, calls, ...(cafile ? { cafile } : {}) }, calls.length, 120_000);
}

const SOAPCLIENT = fileURLToPath(new URL('./m2m-soapclient.php', import.meta.url));

export interface PhpJob {
  wsdl: string;
  options?: { soap_version?: 1 | 2; stream_context_header?: string; location?: string; cafile?: string };
  calls: { op: string; args?: Logical }[];
}

/** Runs a batch through PHP's SoapClient (php-soap); one answer per call. */
export function runPhp(job: PhpJob): Promise<M2mAnswer[]> {
  return runJsonLines('php', SOAPCLIENT, job, job.calls.length, 60_000);
}
