// The MTS Communicator M2M door, as the operator's `m2m_api.asmx` behaved for the scripts written
// against it: the WSDL on `?WSDL` (any case), SOAP 1.1 and 1.2 on POST, and the .asmx HTTP form
// `/m2m/m2m_api.asmx/<Op>` on GET or POST answering bare XML; paths and parameter names in any
// letter case; parameters it does not know ignored (and logged), never refused; text in the
// charset it was sent in; every fault HTTP 500 with its text. Also served at /soap (DESIGN §6).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { RouteContext, RouteOptions } from '../../server/http-routes.js';
import { StationError } from '../../errors.js';
import { systemTimeZone, ZoneClock } from '../../domain/time-zone.js';
import type { DoorDeps } from '../api-door.js';
import { RateLimitError } from '../rate-limit.js';
import { scopeOf } from '../rest-messages.js';
import type { ReadScope } from '../../auth/read-scope.js';
import { readBody, requestCharset } from '../http-body.js';
import { CharsetError, decodeForm, decodeText, rawQuery, xmlDeclaredCharset } from '../charset.js';
import { ArgReader, nodeFromForm, nodeFromXml, type ArgNode } from './args.js';
import { bareRoot, findOperation, M2M_NS, OPERATIONS, type Operation } from './contract.js';
import { authenticateM2m } from './auth.js';
import { envelope, faultEnvelope, faultText } from './faults.js';
import { M2mStore } from './m2m-store.js';
import { RUNS } from './ops/index.js';
import type { OpContext } from './ops/kit.js';
import { renderWsdl } from './wsdl.js';
import { ResultWriter, type XmlValue } from './xml-out.js';
import { parseXml } from './xml-guard.js';

type Add = (method: string, path: string, h: (ctx: RouteContext) => Promise<void> | void, options?: RouteOptions) => void;
type Door = 'soap' | 'asmx';

const ASMX = '/m2m/m2m_api.asmx';
const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
const XSI_XSD = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"';

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', ...headers });
  res.end(res.req?.method === 'HEAD' ? undefined : body);
}

/** The URL the client reached the station on, for the WSDL's addresses and the fault actor. */
function baseUrl(request: IncomingMessage): string {
  const tls = (request.socket as TLSSocket).encrypted === true;
  const host = request.headers.host ?? '127.0.0.1';
  return `${tls ? 'https' : 'http'}://${host}`;
}

class M2mDoor {
  private readonly zone = new ZoneClock(systemTimeZone());
  private readonly writer = new ResultWriter((ms) => this.zone.offset(ms));
  private readonly m2m: M2mStore;

  constructor(private readonly deps: DoorDeps) {
    this.m2m = new M2mStore(deps.core.store.db);
  }

  /** Reads the arguments, signs the caller in, runs the operation; audits the call either way. */
  private async invoke(door: Door, request: IncomingMessage, op: Operation, node: { [k: string]: ArgNode }): Promise<XmlValue | undefined> {
    const { core } = this.deps;
    const { values, ignored } = new ArgReader(this.zone).read(op, node);
    const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
    const caller = await authenticateM2m(this.deps, door, request, str('login'), str('password'));
    if (ignored.length > 0) core.log.info({ op: op.name, ignored, caller: caller.login }, 'M2M call: parameters this operation does not have were ignored');
    let scope: ReadScope | undefined;
    const ctx: OpContext = { core, caller, zone: this.zone, m2m: this.m2m, scope: () => (scope ??= scopeOf(core, caller)), notes: [] };
    let outcome = 'ok';
    try {
      return await RUNS[op.name]!(ctx, values);
    } catch (err) {
      outcome = err instanceof StationError ? err.code : 'internal';
      throw err;
    } finally {
      core.store.audit.record(caller.auditActor, 'api.call', `${door.toUpperCase()} ${op.name}`, {
        door,
        outcome,
        ...(ignored.length > 0 ? { ignored } : {}),
        ...(ctx.notes.length > 0 ? { refused: ctx.notes.slice(0, 20), refusedCount: ctx.notes.length } : {}),
      });
    }
  }

  private failure(err: unknown): { error: StationError; headers: Record<string, string> } {
    if (err instanceof CharsetError) return { error: new StationError('bad_request', err.message, 'charset'), headers: {} };
    if (!(err instanceof StationError)) this.deps.core.log.error({ err }, 'M2M call failed');
    const error = err instanceof StationError ? err : new StationError('internal', 'The station hit an internal error; it is logged. Try again.');
    const headers: Record<string, string> = err instanceof RateLimitError ? { 'retry-after': String(err.retryAfterSeconds) } : {};
    return { error, headers };
  }

  async soap({ req: request, res }: RouteContext): Promise<void> {
    const type = (request.headers['content-type'] ?? '').toLowerCase();
    let v12 = type.includes('application/soap+xml');
    try {
      const bytes = await readBody(request, this.deps.maxBodyBytes);
      const raw = decodeText(bytes, requestCharset(request) ?? xmlDeclaredCharset(bytes));
      if (raw.includes(SOAP12_NS)) v12 = true;
      const doc = parseXml(raw);
      const body = (doc.Envelope as Record<string, unknown> | undefined)?.Body;
      if (!body || typeof body !== 'object') throw new StationError('bad_request', 'The request is not a SOAP envelope with a Body.');
      const name = Object.keys(body).find((k) => !k.startsWith('@_')) ?? '';
      const op = findOperation(name);
      if (!op) throw new StationError('not_found', `There is no method "${name}". See ${ASMX}?WSDL for the ${OPERATIONS.length} methods.`);
      const args = nodeFromXml((body as Record<string, unknown>)[name]);
      const value = await this.invoke('soap', request, op, typeof args === 'object' && args !== null && !Array.isArray(args) ? args : {});
      const inner = op.result ? this.writer.field(op.result, value, op.name) : '';
      const xml = envelope(v12, inner ? `<${op.name}Response xmlns="${M2M_NS}">${inner}</${op.name}Response>` : `<${op.name}Response xmlns="${M2M_NS}" />`);
      send(res, 200, v12 ? 'application/soap+xml' : 'text/xml', xml);
    } catch (err) {
      const f = this.failure(err);
      send(res, 500, v12 ? 'application/soap+xml' : 'text/xml', faultEnvelope(v12, f.error, `${baseUrl(request)}${ASMX}`), f.headers);
    }
  }

  /** The .asmx HTTP form: arguments in the query (GET) or the query and a form body (POST); bare XML back. */
  async form({ req: request, res, params }: RouteContext): Promise<void> {
    try {
      const pairs = decodeForm(rawQuery(request.url)).pairs;
      if (request.method === 'POST') {
        const body = await readBody(request, this.deps.maxBodyBytes);
        pairs.push(...decodeForm(body, requestCharset(request)).pairs);
      }
      const op = findOperation(params.method ?? '');
      if (!op) throw new StationError('not_found', `There is no method "${params.method ?? ''}". See ${ASMX}?WSDL for the ${OPERATIONS.length} methods.`);
      const value = await this.invoke('asmx', request, op, nodeFromForm(pairs));
      if (!op.result) {
        // An operation with an empty response answers an empty 200, as the .asmx did.
        send(res, 200, 'text/xml', '');
        return;
      }
      const root = bareRoot(op.result);
      const inner = value === undefined || value === null ? null : this.writer.content(op.result.type, value, op.name);
      const xml =
        inner === null
          ? `<${root} xsi:nil="true" ${XSI_XSD} xmlns="${M2M_NS}" />`
          : `<${root} ${op.result.type.startsWith('tns:') ? `${XSI_XSD} ` : ''}xmlns="${M2M_NS}">${inner}</${root}>`;
      send(res, 200, 'text/xml', `<?xml version="1.0" encoding="utf-8"?>\n${xml}`);
    } catch (err) {
      // As the .asmx did: an error is HTTP 500 with plain text, which old clients tell apart by its first '<'.
      const f = this.failure(err);
      send(res, 500, 'text/plain', `${faultText(f.error)}\n`, f.headers);
    }
  }

  page(ctx: RouteContext, path: string): void {
    if ([...ctx.url.searchParams.keys()].some((k) => k.toLowerCase() === 'wsdl')) {
      send(ctx.res, 200, 'text/xml', renderWsdl(`${baseUrl(ctx.req)}${path}`));
      return;
    }
    const list = OPERATIONS.map((op) => `  ${op.name}(${op.params.map((p) => p.name).join(', ')})`).join('\n');
    send(ctx.res, 200, 'text/plain', `MTS Communicator M2M compatible service (Switchboard).\nWSDL: ${path}?WSDL\nMethods:\n${list}\n`);
  }
}

export function mountM2m(deps: DoorDeps, add: Add): void {
  const door = new M2mDoor(deps);
  const i = { ignoreCase: true };
  for (const path of [ASMX, '/soap']) {
    add('GET', path, (ctx) => door.page(ctx, path), i);
    add('POST', path, (ctx) => door.soap(ctx), i);
  }
  add('GET', `${ASMX}/:method`, (ctx) => door.form(ctx), i);
  add('POST', `${ASMX}/:method`, (ctx) => door.form(ctx), i);
  // Anything else under /m2m is a plain 404, never the control room's page answering 200.
  const none = (ctx: RouteContext) =>
    send(ctx.res, 404, 'text/plain', `There is nothing at ${ctx.url.pathname}. The MTS-compatible service is ${ASMX} (WSDL: ${ASMX}?WSDL).\n`);
  add('GET', '/m2m/*', none, i);
  add('POST', '/m2m/*', none, i);
}
