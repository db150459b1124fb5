// Carriers configured on screen, as an administrator adds an SMPP route and a modem, tests them,
// orders them and switches one off, against a fake station answering the carrier-config requests
// of shared/protocol: secrets are typed and never shown back, the station's refusal lands next to
// its field, switching off and removing ask first.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CarrierRouteView, RequestName } from '../../shared/protocol/index.js';
import { StationContext } from '../../renderer/app/station-context.js';
import { StationError } from '../../renderer/app/station-client.js';
import { resetAppStore, useAppStore } from '../../renderer/app/store.js';
import { CarrierRoutes } from '../../renderer/features/carriers/CarrierRoutes.js';
import { carriersTestIds as ids } from '../../renderer/features/carriers/testids.js';
import { requestOnlyCommands } from '../fixtures/control-room/request-only-commands.js';

const status = (id: string, state: 'up' | 'down' | 'disabled' = 'up') => ({ id, kind: 'smpp' as const, name: id, state, detail: null, signal: null, operator: null, queue: 0, sentToday: 0 });

class FakeRoutes {
  calls: { method: string; params: any }[] = [];
  routes: CarrierRouteView[] = [
    { id: 'simulator', kind: 'simulator', name: 'Simulator', enabled: true, position: 1, operators: [], rateLimit: null, settings: {}, secrets: {}, source: 'config', fixed: false, status: status('simulator') },
  ];

  readonly commands = requestOnlyCommands(async (method: RequestName, p: any) => {
    this.calls.push({ method, params: p });
    switch (method) {
      case 'carriers.routes':
        return { routes: this.routes };
      case 'carriers.ports':
        return {
          ports: [{ path: '/dev/ttyUSB2', manufacturer: 'Huawei', usb: { vendorId: '12d1', productId: '1001', serialNumber: 'ABC123', interface: '00', manufacturer: 'Huawei' } }],
          typedPathsAllowed: true,
          note: '',
        };
      case 'carriers.testLink':
        return p.route.secrets.password === 'secret'
          ? { ok: true, state: 'up', detail: null, steps: [{ ms: 3, state: 'connecting', detail: 'Подключение к 127.0.0.1:2775…' }, { ms: 40, state: 'up', detail: null }], tookMs: 41 }
          : { ok: false, state: 'down', detail: 'SMSC не принял вход: wrong password (ESME_RINVPASWD). Проверьте system id и пароль в настройках канала.', steps: [], tookMs: 12 };
      case 'carriers.probe':
        return {
          path: p.path, baudRate: p.baudRate, tookMs: 90, unsolicited: [],
          answers: [{ command: 'AT', ok: true, lines: ['OK'] }, { command: 'AT+CPIN?', ok: true, lines: ['+CPIN: READY', 'OK'] }],
          verdict: { ok: true, code: 'ready', sentence: 'Модем отвечает.', signal: 70, registration: 'home', sim: 'READY' },
        };
      case 'carriers.saveRoute': {
        if (p.route.kind === 'smpp' && !p.route.settings.host) throw new StationError('bad_request', 'Заполните «host»: без этого канал не подключится.', 'host');
        const id = p.id ?? `${p.route.kind}-1`;
        const { secrets, ...rest } = p.route;
        const view: CarrierRouteView = {
          ...rest,
          id,
          position: this.routes.length + 1,
          secrets: Object.fromEntries(Object.keys(secrets).map((k) => [k, true])),
          source: 'screen',
          fixed: false,
          status: status(id),
        };
        this.routes = [...this.routes.filter((r) => r.id !== id), view];
        return { routes: this.routes, id };
      }
      case 'carriers.reorderRoutes':
        this.routes = p.ids.map((id: string, i: number) => ({ ...this.routes.find((r) => r.id === id)!, position: i + 1 }));
        return { routes: this.routes };
      case 'carriers.enableRoute':
        this.routes = this.routes.map((r) => (r.id === p.id ? { ...r, enabled: p.enabled, status: status(r.id, p.enabled ? 'up' : 'disabled') } : r));
        return { routes: this.routes };
      case 'carriers.removeRoute':
        this.routes = this.routes.filter((r) => r.id !== p.id);
        return { routes: this.routes };
    }
    throw new Error(`unexpected ${method}`);
  });

  last(method: string) {
    return [...this.calls].reverse().find((c) => c.method === method)?.params;
  }
}

let fake: FakeRoutes;
beforeEach(() => {
  resetAppStore();
  fake = new FakeRoutes();
});
afterEach(() => cleanup());

async function settle() {
  for (let i = 0; i < 5; i++) await act(async () => Promise.resolve());
}

async function renderRoutes() {
  useAppStore.getState().signedIn({ id: 1, login: 'admin', name: 'Администратор', role: 'admin', locale: 'ru' });
  render(
    <StationContext.Provider value={fake.commands}>
      <CarrierRoutes />
    </StationContext.Provider>,
  );
  await settle();
}

const field = (path: string) => screen.getByTestId(ids.routeField(path)) as HTMLInputElement;
const type = (path: string, value: string) => fireEvent.change(field(path), { target: { value } });

describe('routes on screen', () => {
  it('adds an SMPP route: tests the bind first, says why it fails, saves with the password sent once', async () => {
    await renderRoutes();
    fireEvent.change(screen.getByTestId(ids.routeAddKind), { target: { value: 'smpp' } });
    fireEvent.click(screen.getByTestId(ids.routeAdd));
    const editor = screen.getByTestId(ids.routeEditor);
    expect(editor.textContent).toContain('Новый канал: SMPP');
    type('name', 'МТС SMPP');
    fireEvent.click(screen.getByTestId(ids.routeSave));
    await settle();
    expect(screen.getByTestId(ids.routeFieldError('host')).textContent).toBe('Заполните «host»: без этого канал не подключится.');

    type('host', '127.0.0.1');
    type('systemId', 'switchboard');
    type('password', 'nope');
    fireEvent.click(screen.getByTestId(ids.routeTest));
    await settle();
    expect(screen.getByTestId(ids.routeTestResult).dataset.ok).toBe('false');
    expect(screen.getByTestId(ids.routeTestResult).textContent).toContain('SMSC не принял вход');
    type('password', 'secret');
    fireEvent.click(screen.getByTestId(ids.routeTest));
    await settle();
    expect(screen.getByTestId(ids.routeTestResult).textContent).toContain('Подключение есть (41 мс).');

    fireEvent.click(screen.getByTestId(ids.routeSave));
    await settle();
    expect(fake.last('carriers.saveRoute')).toEqual({
      route: {
        kind: 'smpp', name: 'МТС SMPP', enabled: true, operators: [], rateLimit: null,
        settings: { port: 2775, window: 10, host: '127.0.0.1', systemId: 'switchboard' },
        secrets: { password: 'secret' },
      },
    });
    expect(screen.queryByTestId(ids.routeEditor)).toBeNull();
    expect(screen.getByTestId(ids.routeResult).textContent).toBe('Сохранено и применено: «МТС SMPP».');
    expect(screen.getByTestId(ids.routeRow('smpp-1')).dataset.position).toBe('2');

    // Editing again: the password is "set", not shown; leaving it empty keeps it.
    fireEvent.click(screen.getByTestId(ids.routeEdit('smpp-1')));
    expect(field('password').value).toBe('');
    expect(field('password').placeholder).toBe('задан — оставьте пустым, чтобы не менять');
    fireEvent.click(screen.getByTestId(ids.routeSave));
    await settle();
    expect(fake.last('carriers.saveRoute')).toMatchObject({ id: 'smpp-1', route: { secrets: {} } });
  });

  it('adds a modem from the port list with its USB identity, and probes it', async () => {
    await renderRoutes();
    fireEvent.change(screen.getByTestId(ids.routeAddKind), { target: { value: 'modem' } });
    fireEvent.click(screen.getByTestId(ids.routeAdd));
    await settle();
    fireEvent.change(screen.getByTestId(ids.routePortPick), { target: { value: '/dev/ttyUSB2' } });
    expect(field('path').value).toBe('/dev/ttyUSB2');
    expect(screen.getByTestId(ids.routeUsb).textContent).toBe('Модем будет найден по USB-идентификатору 12d1:1001 · ABC123, если имя порта сменится.');
    fireEvent.click(screen.getByTestId(ids.routeProbeRun));
    await settle();
    expect(fake.last('carriers.probe')).toEqual({ path: '/dev/ttyUSB2', baudRate: 115200 });
    expect(within(screen.getByTestId(ids.routeProbe)).getByTestId(ids.answers).textContent).toContain('+CPIN: READY');
    type('pin', '1234');
    fireEvent.click(screen.getByTestId(ids.routeSave));
    await settle();
    expect(fake.last('carriers.saveRoute').route).toMatchObject({
      kind: 'modem',
      settings: { path: '/dev/ttyUSB2', baudRate: 115200, usb: { vendorId: '12d1', productId: '1001', serialNumber: 'ABC123' } },
      secrets: { pin: '1234' },
    });
  });

  it('orders routes, and asks before switching one off or removing it', async () => {
    fake.routes.push({ ...fake.routes[0]!, id: 'smpp-1', kind: 'smpp', name: 'МТС', position: 2, status: status('smpp-1') });
    await renderRoutes();
    fireEvent.click(screen.getByTestId(ids.routeUp('smpp-1')));
    await settle();
    expect(fake.last('carriers.reorderRoutes')).toEqual({ ids: ['smpp-1', 'simulator'] });
    expect(screen.getByTestId(ids.routeRow('smpp-1')).dataset.position).toBe('1');
    expect(screen.getByTestId(ids.routeResult).textContent).toBe('Порядок каналов сохранён: первым пробуется «МТС».');

    fireEvent.click(screen.getByTestId(ids.routeEnable('simulator')));
    expect(screen.getByTestId(ids.routeConfirm).textContent).toContain('Выключить канал «Simulator»?');
    expect(fake.last('carriers.enableRoute')).toBeUndefined();
    fireEvent.click(screen.getByTestId(ids.routeConfirmOk));
    await settle();
    expect(fake.last('carriers.enableRoute')).toEqual({ id: 'simulator', enabled: false });
    expect(screen.getByTestId(ids.routeRow('simulator')).dataset.state).toBe('disabled');

    fireEvent.click(screen.getByTestId(ids.routeRemove('smpp-1')));
    expect(screen.getByTestId(ids.routeConfirm).textContent).toContain('Удалить канал «МТС»?');
    fireEvent.click(screen.getByTestId(ids.routeConfirmOk));
    await settle();
    expect(screen.queryByTestId(ids.routeRow('smpp-1'))).toBeNull();
  });
});
