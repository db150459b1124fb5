// The control room's ws and the downloads it links to, wired with the station's locks: the login
// guard built from `server.logins`, one set of download tickets shared by the ticket request and
// the download route, and the push gate.
import type { StationCore } from '../core.js';
import type { ServerConfig } from './config.js';
import type { HttpRoutes } from './http-routes.js';
import { DEFAULT_THROTTLE, type ThrottleRules } from '../auth/login-throttle.js';
import { LoginGuard } from '../auth/login-guard.js';
import { DownloadTickets } from '../auth/download-tickets.js';
import { mountExportRoutes } from './export-routes.js';
import { ControlRoomServer } from './ws-server.js';
import { ScopeGate } from './scope-gate.js';

export function throttleRules(logins: ServerConfig['logins']): ThrottleRules {
  const lockMs = logins.lockMinutes * 60_000;
  const maxDelayMs = Math.max(logins.maxDelayMs, logins.firstDelayMs);
  return {
    account: { free: logins.freeFailures, baseDelayMs: logins.firstDelayMs, maxDelayMs, lockAfter: logins.lockAfter, lockMs },
    // An address may be a shared desk or a NAT: three times the room before the same lock.
    address: { free: logins.freeFailures * 3 + 1, baseDelayMs: logins.firstDelayMs, maxDelayMs, lockAfter: logins.lockAfter * 3, lockMs },
    windowMs: DEFAULT_THROTTLE.windowMs,
  };
}

export function mountControlRoom(core: StationCore, routes: HttpRoutes, server: ServerConfig): ControlRoomServer {
  const tickets = new DownloadTickets();
  mountExportRoutes(core, routes, tickets);
  return new ControlRoomServer(core, {
    tickets,
    logins: new LoginGuard(core.store, throttleRules(server.logins)),
    gate: new ScopeGate(core),
  });
}
