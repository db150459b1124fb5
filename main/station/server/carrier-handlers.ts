// The station's side of shared/protocol/carriers.ts: the admin's view of every route (modem pool
// members included), the serial ports, a probe of a port and a test send through one carrier.
// Admin only; a refusal, a probe and a test send each leave an audit line.
import { realpathSync } from 'node:fs';
import type { CarrierStatus, CarrierView, carrierRequests, ModemView } from '../../../shared/protocol/index.js';
import type { StationCore } from '../core.js';
import { RightsError, StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import type { Carrier } from '../carriers/carrier.js';
import { ModemCarrier, ModemPool, listSerialPorts, type ModemDetail } from '../carriers/modem/index.js';
import { serialOpener } from '../carriers/modem/serial-transport.js';
import { probeModem } from '../carriers/modem/modem-probe.js';
import { usbIdentityOf } from '../carriers/modem/port-finder.js';
import type { ClientSession, Handlers } from './control-room.js';

type CarrierHandlers = Pick<Handlers, keyof typeof carrierRequests>;

export const PORTS_NOTE =
  'The OS lists USB and built-in serial ports only. Type any other path: a pty, /dev/serial/by-id/…, or a COM port not shown.';

export function carrierHandlers(core: StationCore): CarrierHandlers {
  const { store, router } = core;
  const actorOf = (s: ClientSession) => ({ userId: s.user!.id, name: s.user!.login, role: s.user!.role });
  const requireAdmin = (s: ClientSession, what: string) => {
    if (s.user!.role === 'admin') return;
    store.audit.record(actorOf(s), 'admin.refused', what);
    throw new RightsError(msg('admin.carriersOnly'));
  };

  return {
    'carriers.list'(session) {
      requireAdmin(session, 'carriers.list');
      return { carriers: router.list().map((c) => viewOf(c, router.priority(c.id) ?? 0, router.status(c.id)!)) };
    },
    async 'carriers.ports'(session) {
      requireAdmin(session, 'carriers.ports');
      let ports: Awaited<ReturnType<typeof listSerialPorts>> = [];
      try {
        ports = await listSerialPorts();
      } catch (e) {
        // No port list (a container without udev) is no reason to refuse: a typed path still works.
        core.log.warn({ err: e }, 'listing serial ports failed');
      }
      return { ports: ports.map((p) => ({ ...p, usb: usbIdentityOf(p) })), typedPathsAllowed: true as const, note: PORTS_NOTE };
    },
    async 'carriers.probe'(session, { path, baudRate }) {
      requireAdmin(session, 'carriers.probe');
      const busy = modemsOn(router.list(), path);
      if (busy) {
        store.audit.record(actorOf(session), 'carrier.probe.refused', `port:${path}`, { route: busy.id });
        throw new StationError(
          'bad_request',
          msg('carriers.portBusy', { name: busy.name, id: busy.id, path }),
          'path',
        );
      }
      const baud = baudRate ?? 115_200;
      const result = await probeModem({ path, baudRate: baud, open: serialOpener({ path, baudRate: baud }) });
      store.audit.record(actorOf(session), 'carrier.probe', `port:${path}`, { baudRate: baud, verdict: result.verdict.code });
      return result;
    },
    'carriers.testSend'(session, { carrierId, phone, text }) {
      requireAdmin(session, 'carriers.testSend');
      const carrier = router.get(carrierId);
      if (!carrier) throw new StationError('not_found', msg('carriers.unknown', { id: carrierId }), 'carrierId');
      const status = router.status(carrierId)!;
      if (status.state !== 'up' && status.state !== 'degraded') {
        throw new StationError('bad_request', msg('carriers.notConnected', { name: status.name, state: status.state, detail: status.detail ?? '' }), 'carrierId');
      }
      // Through the one door, so the test SMS is stored, audited and shown like any other.
      const sent = core.dispatcher.send(actorOf(session), { text, phones: [phone], groups: [], contacts: [], tags: [], kind: 'plain', source: 'ui', priority: 'high' });
      if (sent.broadcastId === null) {
        throw new StationError('bad_request', sent.refused[0]?.text ?? msg('send.testRefused'), 'phone');
      }
      const row = store.db.prepare(`SELECT id FROM messages WHERE broadcast_id = ? AND direction = 'out'`).get(sent.broadcastId) as { id: number };
      // Pinned before the outbox resumes (send() only woke it): this SMS goes through this carrier or waits.
      router.pin(row.id, carrierId);
      store.audit.record(actorOf(session), 'carrier.test-send', `carrier:${carrierId}`, { broadcastId: sent.broadcastId, messageId: row.id });
      return { broadcastId: sent.broadcastId, messageId: row.id, carrierId };
    },
  };
}

function modemViews(c: Carrier): ModemDetail[] {
  if (c instanceof ModemPool) return c.members();
  if (c instanceof ModemCarrier) return [c.modemDetail()];
  return [];
}

/** `status`: the effective one (health/), as the board shows it. */
function viewOf(c: Carrier, priority: number, status: CarrierStatus): CarrierView {
  const modems = modemViews(c).map((m): ModemView => ({
    id: m.id, name: m.name, path: m.path, state: m.state, detail: m.detail, signal: m.signal, operator: m.operator,
    registration: m.registration, sim: m.sim, manufacturer: m.identity?.manufacturer ?? null, model: m.identity?.model ?? null,
    revision: m.identity?.revision ?? null, profile: m.profile,
    usb: m.usb ? { vendorId: m.usb.vendorId, productId: m.usb.productId, serialNumber: m.usb.serialNumber, interface: m.usb.interface } : null,
    queue: m.queue, sentToday: m.sentToday,
  }));
  return { ...status, priority, modems };
}

/** The running modem on this path, if any; symlinks (by-id names, pty links) count as the same port. */
function modemsOn(carriers: readonly Carrier[], path: string): ModemDetail | undefined {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const wanted = real(path);
  return carriers.flatMap(modemViews).find((m) => m.path !== null && m.state !== 'disabled' && (m.path === path || real(m.path) === wanted));
}
