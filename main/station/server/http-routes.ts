// A small route table for the station's HTTP API. Integrations (REST, SOAP, carrier callbacks)
// add their routes here; the server answers errors in one shape: {"error":{"code","message"}}.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode } from '../../../shared/protocol/index.js';
import { StationError } from '../errors.js';
import { storeTroubleAsStationError } from '../dispatch/writable-dispatcher.js';
import { msg } from '../i18n/text.js';
import { localeOfAcceptLanguage } from '../i18n/accept-language.js';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
}

export type RouteHandler = (ctx: RouteContext) => Promise<void> | void;

export interface RouteOptions {
  /** Match the path in any letter case (the MTS .asmx paths scripts write as /M2M/… or /m2m/…). */
  ignoreCase?: boolean;
}

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: RouteHandler;
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** Paths remembered with the routes that match them; bounded, as a path may hold any id. */
const MATCHES_MAX = 500;
const MATCHED_PATH_MAX = 200;

export class HttpRoutes {
  private readonly routes: Route[] = [];
  // Each request used to test every route's pattern; a script calls the same few paths.
  private readonly matches = new Map<string, Route[]>();

  /** `path` may hold `:name` segments, e.g. `/api/v1/messages/:id`, and end in `/*` for anything below. */
  add(method: string, path: string, handler: RouteHandler, options: RouteOptions = {}): void {
    const keys: string[] = [];
    const wildcard = path.endsWith('/*');
    const source = (wildcard ? path.slice(0, -2) : path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    const pattern = new RegExp(`^${source}${wildcard ? '(?:/.*)?' : ''}$`, options.ignoreCase ? 'i' : '');
    this.routes.push({ method: method.toUpperCase(), pattern, keys, handler });
    this.matches.clear();
  }

  private matching(pathname: string): Route[] {
    let found = this.matches.get(pathname);
    if (!found) {
      found = this.routes.filter((r) => r.pattern.test(pathname));
      if (pathname.length <= MATCHED_PATH_MAX) {
        if (this.matches.size >= MATCHES_MAX) this.matches.clear();
        this.matches.set(pathname, found);
      }
    }
    return found;
  }

  /** Returns false when no route matches the path (any method), so the caller may serve files. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const matching = this.matching(url.pathname);
    if (matching.length === 0) return false;
    const route = matching.find((r) => r.method === req.method || (req.method === 'HEAD' && r.method === 'GET'));
    if (!route) {
      sendError(res, new StationError('bad_request', msg('http.methodNotAllowed', { method: req.method ?? '', allowed: matching.map((r) => r.method).join(' or ') })), 405);
      return true;
    }
    const m = route.pattern.exec(url.pathname)!;
    const params: Record<string, string> = {};
    try {
      route.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1]!)));
    } catch {
      sendError(res, new StationError('bad_request', msg('http.badTarget')));
      return true;
    }
    await route.handler({ req, res, url, params });
    return true;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Answers `{"error":{"code","message"}}` (in Russian when Accept-Language prefers it); an unexpected error never shows its details. */
export function sendError(res: ServerResponse, err: unknown, status?: number): void {
  // A store that cannot write is said as such (503, resumes by itself), not as an internal error.
  const e = err instanceof StationError ? err : (storeTroubleAsStationError(err) ?? new StationError('internal', msg('internal')));
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const locale = localeOfAcceptLanguage(res.req?.headers['accept-language']);
  sendJson(res, status ?? HTTP_STATUS[e.code], { error: { code: e.code, message: e.say(locale), ...(e.field ? { field: e.field } : {}) } });
}
