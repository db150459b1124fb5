// The MTS Communicator M2M door at /m2m/m2m_api.asmx (also /soap, DESIGN §6): the WSDL on
// `?WSDL`, SOAP 1.1 and 1.2 on POST, and the .asmx HTTP form `/m2m/m2m_api.asmx/<Method>` on
// GET or POST answering bare XML. Auth: `Authorization: Bearer KEY`, or login + MD5(key) for
// keys flagged legacy. Every call is audited; every failure is a fault a person can read.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteContext } from '../../server/http-routes.js';
import { HTTP_STATUS } from '../../server/http-routes.js';
import { StationError } from '../../errors.js';
import { authFailure, callerOf, type Caller, type DoorDeps } from '../api-door.js';
import { RateLimitError } from '../rate-limit.js';
import { formFields, readBody } from '../http-body.js';
import { isOperation, M2M_NS, operations, text, type M2mArgs, type M2mResult } from './operations.js';
import { renderWsdl, SIGNATURES } from './wsdl.js';
import { escapeXml, parseXml } from './xml-guard.js';

type Add = (method: string, path: string, h: (ctx: RouteContext) => Promise<void> | void) => void;
type Door = 'soap' | 'asmx';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';

function authenticateM2m(deps: DoorDeps, door: Door, req: IncomingMessage, args: M2mArgs): Caller {
  const auth = req.headers.authorization;
  let caller: Caller | undefined;
  if (auth) {
    const key = /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1] ?? '';
    const holder = deps.keys.authenticate(key);
    if (!holder) throw authFailure(deps, door, req, deps.keys.describeFailure(key), key.slice(0, 9));
    caller = callerOf(holder);
  } else {
    const login = text(args, 'login', false);
    const password = text(args, 'password', false);
    if (!login || !password) throw authFailure(deps, door, req, 'missing', null);
    const holder = deps.keys.authenticateLegacy(login, password);
    if (!holder) throw authFailure(deps, door, req, 'unknown', login);
    caller = callerOf(holder);
  }
  deps.limiter.take(caller.keyId);
  return caller;
}

function checkParams(op: string, args: M2mArgs): void {
  const allowed = new Set(SIGNATURES[op]!.params.map(([n]) => n));
  for (const name of Object.keys(args)) {
    if (!allowed.has(name)) throw new StationError('bad_request', `Unknown parameter "${name}" for ${op}.`, name);
  }
}

/** Runs one operation for either door; audits the call, successful or not. */
function invoke(deps: DoorDeps, door: Door, req: IncomingMessage, op: string, args: M2mArgs): M2mResult {
  if (!isOperation(op)) throw new StationError('not_found', `There is no method ${op}. See ?WSDL for the list.`);
  const caller = authenticateM2m(deps, door, req, args);
  let outcome = 'ok';
  try {
    checkParams(op, args);
    return operations[op](deps.core, caller, args);
  } catch (err) {
    outcome = err instanceof StationError ? err.code : 'internal';
    throw err;
  } finally {
    deps.core.store.audit.record(caller.auditActor, 'api.call', `${door.toUpperCase()} ${op}`, { door, outcome });
  }
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', ...headers });
  res.end(body);
}

function failure(deps: DoorDeps, err: unknown): { status: number; error: StationError; headers: Record<string, string> } {
  if (!(err instanceof StationError)) deps.core.log.error({ err }, 'M2M call failed');
  const error = err instanceof StationError ? err : new StationError('internal', 'The station hit an internal error; it is logged.');
  const headers: Record<string, string> = err instanceof RateLimitError ? { 'retry-after': String(err.retryAfterSeconds) } : {};
  return { status: HTTP_STATUS[error.code], error, headers };
}

function envelope(v12: boolean, body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${v12 ? SOAP12 : SOAP11}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

function fault(v12: boolean, e: StationError): string {
  const client = e.code !== 'internal';
  const detail = `<ErrorCode xmlns="${M2M_NS}">${e.code}</ErrorCode>${e.field ? `<Field xmlns="${M2M_NS}">${escapeXml(e.field)}</Field>` : ''}`;
  if (v12) {
    return envelope(true, `<soap:Fault><soap:Code><soap:Value>soap:${client ? 'Sender' : 'Receiver'}</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="en">${escapeXml(e.message)}</soap:Text></soap:Reason><soap:Detail>${detail}</soap:Detail></soap:Fault>`);
  }
  return envelope(false, `<soap:Fault><faultcode>soap:${client ? 'Client' : 'Server'}</faultcode><faultstring>${escapeXml(e.message)}</faultstring><detail>${detail}</detail></soap:Fault>`);
}

async function soap(deps: DoorDeps, { req, res }: RouteContext): Promise<void> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  let v12 = type.includes('application/soap+xml');
  try {
    const raw = (await readBody(req, deps.maxBodyBytes)).toString('utf8');
    if (raw.includes(SOAP12)) v12 = true;
    const doc = parseXml(raw);
    const body = (doc.Envelope as Record<string, unknown> | undefined)?.Body;
    if (!body || typeof body !== 'object') throw new StationError('bad_request', 'The request is not a SOAP envelope with a Body.');
    const op = Object.keys(body)[0] ?? '';
    const argsRaw = (body as Record<string, unknown>)[op];
    const args = typeof argsRaw === 'object' && argsRaw !== null ? (argsRaw as M2mArgs) : {};
    const result = invoke(deps, 'soap', req, op, args);
    const xml = envelope(v12, `<${op}Response xmlns="${M2M_NS}"><${op}Result>${result.inner}</${op}Result></${op}Response>`);
    send(res, 200, v12 ? 'application/soap+xml' : 'text/xml', xml);
  } catch (err) {
    const f = failure(deps, err);
    send(res, f.status === 500 ? 500 : f.status, v12 ? 'application/soap+xml' : 'text/xml', fault(v12, f.error), f.headers);
  }
}

/** The .asmx HTTP form: arguments in the query (GET) or a form body (POST); bare XML back. */
async function form(deps: DoorDeps, { req, res, url, params }: RouteContext): Promise<void> {
  try {
    let fields = formFields(url.searchParams);
    if (req.method === 'POST') {
      const body = (await readBody(req, deps.maxBodyBytes)).toString('utf8');
      fields = { ...fields, ...formFields(new URLSearchParams(body)) };
    }
    const op = params.method ?? '';
    const result = invoke(deps, 'asmx', req, op, fields);
    send(res, 200, 'text/xml', `<?xml version="1.0" encoding="utf-8"?>\n<${result.type} xmlns="${M2M_NS}">${result.inner}</${result.type}>`);
  } catch (err) {
    // As .asmx does: an error answers plain text, which old clients tell apart by its first '<'.
    const f = failure(deps, err);
    send(res, f.status, 'text/plain', `${f.error.message}\n`, f.headers);
  }
}

function wsdl({ req, res }: RouteContext, path: string): void {
  const host = req.headers.host ?? '127.0.0.1';
  const scheme = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  send(res, 200, 'text/xml', renderWsdl(`${scheme}://${host}${path}`));
}

export function mountM2m(deps: DoorDeps, add: Add): void {
  for (const path of ['/m2m/m2m_api.asmx', '/soap']) {
    add('GET', path, (ctx) => {
      if ([...ctx.url.searchParams.keys()].some((k) => k.toLowerCase() === 'wsdl')) return wsdl(ctx, path);
      send(ctx.res, 200, 'text/plain', `MTS Communicator M2M compatible service. WSDL: ${path}?WSDL. Methods: ${Object.keys(SIGNATURES).join(', ')}.\n`);
    });
    add('POST', path, (ctx) => soap(deps, ctx));
  }
  add('GET', '/m2m/m2m_api.asmx/:method', (ctx) => form(deps, ctx));
  add('POST', '/m2m/m2m_api.asmx/:method', (ctx) => form(deps, ctx));
}
