// The station's one listener: http, or https when TLS is configured (every route and the ws
// upgrade then go over it). Nothing a client sends may throw out of a handler here: a malformed
// URL, Host or Origin, a handler that rejects, a socket that errors — each is answered or closed,
// and the process goes on. Host is checked on every request (DNS rebinding), Origin on upgrades.
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { Duplex } from 'node:stream';
import type { Logger } from '../log.js';
import { StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import { redactUrl } from '../log-redact.js';
import { sendError, sendJson, type HttpRoutes } from './http-routes.js';
import type { OriginPolicy } from './origin-policy.js';
import { serveStatic } from './static-files.js';
import type { TlsMaterial } from './tls.js';

export interface HttpServerDeps {
  routes: HttpRoutes;
  policy: OriginPolicy;
  log: Logger;
  rendererDir: string;
  tls: TlsMaterial | null;
  /** The control room's ws; called only for `/ws` upgrades whose Host and Origin passed. */
  upgradeWs: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** Runs before any route: a flood guard may answer (429) and return true. */
  admit?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;
}

/** `req.url` as a URL on our own origin; null for anything that does not parse. */
export function requestUrl(raw: string | undefined): URL | null {
  try {
    const url = new URL(raw ?? '/', 'http://station');
    // `//evil.example/x` would parse as another host: a request target is a path here.
    return url.host === 'station' ? url : null;
  } catch {
    return null;
  }
}

export function createStationServer(deps: HttpServerDeps): Server {
  const { log } = deps;
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    try {
      handleRequest(deps, req, res);
    } catch (err) {
      log.error({ err, url: redactUrl(req.url) }, 'http request failed');
      sendError(res, err);
    }
  };
  const server = deps.tls ? createHttps({ cert: deps.tls.cert, key: deps.tls.key }, onRequest) : createHttp(onRequest);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Until ws owns the socket, an error on it (a reset mid-handshake) must not be unhandled.
    socket.on('error', () => socket.destroy());
    try {
      const url = requestUrl(req.url);
      if (!url || url.pathname !== '/ws') return refuseUpgrade(socket, 404, 'Not Found');
      if (!deps.policy.hostAllowed(req.headers.host)) {
        log.warn({ host: String(req.headers.host ?? '').slice(0, 100), address: req.socket.remoteAddress }, 'ws upgrade refused: unknown Host');
        return refuseUpgrade(socket, 421, 'Misdirected Request');
      }
      if (!deps.policy.originAllowed(req.headers.origin)) {
        log.warn({ origin: String(req.headers.origin).slice(0, 100), address: req.socket.remoteAddress }, 'ws upgrade refused: foreign Origin');
        return refuseUpgrade(socket, 403, 'Forbidden');
      }
      deps.upgradeWs(req, socket, head);
    } catch (err) {
      log.error({ err, url: redactUrl(req.url) }, 'ws upgrade failed');
      socket.destroy();
    }
  });
  // A malformed request line or header: answer 400 rather than let Node drop it silently.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  server.on('tlsClientError', (err: Error) => log.debug({ err: err.message }, 'TLS handshake failed'));
  return server;
}

function handleRequest(deps: HttpServerDeps, req: IncomingMessage, res: ServerResponse): void {
  const { log, routes } = deps;
  res.on('error', () => undefined);
  const url = requestUrl(req.url);
  if (!url) return sendError(res, new StationError('bad_request', msg('http.badTarget')));
  if (!deps.policy.hostAllowed(req.headers.host)) {
    return sendError(res, new StationError('bad_request', msg('http.unknownHost', { host: String(req.headers.host).slice(0, 100) })), 421);
  }
  if (deps.admit?.(req, res, url)) return;
  routes
    .handle(req, res, url)
    .then((handled) => {
      if (handled) return;
      if (url.pathname.startsWith('/api/')) {
        sendJson(res, 404, { error: { code: 'not_found', message: `No API at ${url.pathname}. See docs/api.md.` } });
      } else if (req.method === 'GET' || req.method === 'HEAD') {
        serveStatic(deps.rendererDir, req, res);
      } else {
        res.writeHead(405).end();
      }
    })
    .catch((err: unknown) => {
      if (!(err instanceof StationError)) log.error({ err, url: redactUrl(req.url) }, 'http request failed');
      sendError(res, err);
    });
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  else socket.destroy();
}
