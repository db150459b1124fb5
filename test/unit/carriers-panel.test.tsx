// The carriers panel as a dispatcher and an administrator see it, against a fake station that
// answers the carrier requests of shared/protocol; live states come through the store as the
// `carrier.status` events would put them there.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CarrierStatus, CarrierView, MessageView, ProbeResult, RequestName, Role } from '../../shared/protocol/index.js';
import { StationContext } from '../../renderer/app/station-context.js';
import type { StationCommands } from '../../renderer/app/station-bridge.js';
import { resetAppStore, useAppStore } from '../../renderer/app/store.js';
import { CarriersPanel } from '../../renderer/features/carriers/CarriersPanel.js';
import { signalBars } from '../../renderer/features/carriers/CarrierCard.js';
import { carriersTestIds as ids } from '../../renderer/features/carriers/testids.js';
import { StatusBadge } from '../../renderer/ui/StatusBadge.js';
import { requestOnlyCommands } from '../fixtures/control-room/request-only-commands.js';

const modemStatus: CarrierStatus = {
  id: 'gsm', kind: 'modem', name: 'Модем диспетчерской', state: 'up', detail: null, signal: 68, operator: 'MegaFon', queue: 2, sentToday: 41,
};
const smppStatus: CarrierStatus = {
  id: 'operator', kind: 'smpp', name: 'SMPP оператора', state: 'down', detail: 'The SMSC closed the connection; reconnecting in 4 s.', signal: null, operator: null, queue: 0, sentToday: 7,
};

const probeReady: ProbeResult = {
  path: '/dev/ttyUSB2', baudRate: 115200, tookMs: 184, unsolicited: ['+CREG: 1'],
  answers: [
    { command: 'AT', ok: true, lines: ['OK'] },
    { command: 'ATI', ok: true, lines: ['Manufacturer: QUECTEL', 'Model: EC25', 'OK'] },
    { command: 'AT+CSQ', ok: true, lines: ['+CSQ: 21,99', 'OK'] },
    { command: 'AT+CPIN?', ok: true, lines: ['+CPIN: READY', 'OK'] },
  ],
  verdict: { ok: true, code: 'ready', sentence: 'The modem answers, the SIM is ready.', signal: 68, registration: 'home', sim: 'READY' },
};

class FakeCarriers {
  calls: { method: string; params: any }[] = [];
  probeAnswer: ProbeResult | Error = probeReady;
  views: CarrierView[] = [
    {
      ...modemStatus, priority: 1,
      modems: [{ id: 'gsm', name: 'Модем диспетчерской', path: '/dev/ttyUSB2', state: 'up', detail: null, signal: 68, operator: 'MegaFon', registration: 'home', sim: 'READY', manufacturer: 'QUECTEL', model: 'EC25', queue: 2, sentToday: 41, usb: { vendorId: '2c7c', productId: '0125', serialNumber: null, interface: '02' } }],
    },
    { ...smppStatus, priority: 2, modems: [] },
  ];

  readonly commands: StationCommands = requestOnlyCommands(async (method: RequestName, params: any) => {
    this.calls.push({ method, params });
    switch (method) {
      case 'carriers.list':
        return { carriers: this.views };
      case 'carriers.routes':
        return { routes: [] };
      case 'carriers.ports':
        return { ports: [{ path: '/dev/ttyUSB2', manufacturer: 'Quectel' }, { path: '/dev/ttyUSB3' }], typedPathsAllowed: true, note: 'type a path' };
      case 'carriers.probe':
        if (this.probeAnswer instanceof Error) throw this.probeAnswer;
        return { ...this.probeAnswer, path: params.path, baudRate: params.baudRate };
      case 'carriers.testSend':
        return { broadcastId: 12, messageId: 345, carrierId: params.carrierId };
      default:
        throw new Error(`unexpected ${method}`);
    }
  });

  methods(): string[] {
    return this.calls.map((c) => c.method);
  }
}

let fake: FakeCarriers;

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await Promise.resolve();
    });
  }
}

async function renderPanel(role: Role, locale: 'ru' | 'en' = 'ru', open = true) {
  useAppStore.getState().signedIn({ id: 1, login: 'chief', name: 'Начальник смены', role, locale });
  useAppStore.setState((s) => ({ prefs: { ...s.prefs, locale } }));
  useAppStore.getState().carriersLoaded([modemStatus, smppStatus]);
  useAppStore.getState().synced();
  const result = render(
    <StationContext.Provider value={fake.commands}>
      <CarriersPanel initiallyOpen={open} toolsOpen={open} />
    </StationContext.Provider>,
  );
  await settle();
  return result;
}

beforeEach(() => {
  resetAppStore();
  localStorage.clear();
  fake = new FakeCarriers();
});
afterEach(() => cleanup());

describe('carriers panel', () => {
  it('shows a dispatcher one card per carrier with its state, reason, signal, operator, queue and sent today, and asks the station nothing', async () => {
    await renderPanel('dispatcher');
    const gsm = screen.getByTestId(ids.card('gsm'));
    expect(gsm.dataset.state).toBe('up');
    expect(within(gsm).getByText('работает')).toBeTruthy();
    expect(screen.getByTestId(ids.signal('gsm')).dataset.bars).toBe('3');
    expect(within(gsm).getByText('MegaFon')).toBeTruthy();
    expect(screen.getByTestId(ids.queue('gsm')).textContent).toBe('2');
    expect(screen.getByTestId(ids.sentToday('gsm')).textContent).toBe('41');
    const smpp = screen.getByTestId(ids.card('operator'));
    expect(smpp.dataset.state).toBe('down');
    expect(within(smpp).getByText('не работает')).toBeTruthy();
    expect(screen.getByTestId(ids.reason('operator')).textContent).toContain('The SMSC closed the connection');
    expect(screen.queryByTestId(ids.tools)).toBeNull();
    expect(fake.calls).toEqual([]);
  });

  it('asks the station nothing while folded, and reads modem details once an administrator opens it', async () => {
    await renderPanel('admin', 'ru', false);
    expect(fake.calls).toEqual([]);
    const panel = screen.getByTestId(ids.panel) as HTMLDetailsElement;
    await act(async () => {
      panel.open = true;
      panel.dispatchEvent(new Event('toggle'));
    });
    await settle();
    // The modem details and, for an administrator, the routes to configure.
    expect(fake.methods()).toEqual(['carriers.routes', 'carriers.list']);
    expect(screen.getByTestId(ids.modem('gsm'))).toBeTruthy();
  });

  it('follows carrier.status as it arrives: the modem goes down with the reason on its card', async () => {
    await renderPanel('dispatcher');
    act(() => useAppStore.getState().carrierChanged({ ...modemStatus, state: 'down', signal: null, detail: 'The modem port closed; reopening…' }));
    expect(screen.getByTestId(ids.card('gsm')).dataset.state).toBe('down');
    expect(screen.getByTestId(ids.reason('gsm')).textContent).toContain('The modem port closed');
    expect(screen.getByTestId(ids.signal('gsm')).dataset.bars).toBe('0');
  });

  it('shows an administrator the modem behind a route: port, registration, SIM, USB identity, and the priority', async () => {
    await renderPanel('admin');
    expect(fake.methods()).toContain('carriers.list');
    const modem = screen.getByTestId(ids.modem('gsm'));
    expect(within(modem).getByText('/dev/ttyUSB2')).toBeTruthy();
    expect(within(modem).getByText('домашняя сеть')).toBeTruthy();
    expect(within(modem).getByText('готова')).toBeTruthy();
    expect(screen.getByTestId(ids.modemUsb('gsm')).textContent).toBe('2c7c:0125, серийный № —, интерфейс 02');
    expect(within(screen.getByTestId(ids.card('gsm'))).getByText(/приоритет 1/)).toBeTruthy();
  });

  it('lets an administrator pick a listed port or type a pty path, probe it and read what the modem answered', async () => {
    await renderPanel('admin');
    expect(fake.methods()).toContain('carriers.ports');
    const list = screen.getByTestId(ids.portList);
    fireEvent.click(within(list).getByText('/dev/ttyUSB3'));
    expect((screen.getByTestId(ids.portPath) as HTMLInputElement).value).toBe('/dev/ttyUSB3');
    // ptys are not listed: a typed path is what gets probed.
    fireEvent.change(screen.getByTestId(ids.portPath), { target: { value: '/tmp/modem-pty/station' } });
    fireEvent.change(screen.getByTestId(ids.baud), { target: { value: '9600' } });
    fireEvent.click(screen.getByTestId(ids.probe));
    await settle();
    expect(fake.calls.find((c) => c.method === 'carriers.probe')!.params).toEqual({ path: '/tmp/modem-pty/station', baudRate: 9600 });
    const verdict = screen.getByTestId(ids.verdict);
    expect(verdict.dataset.code).toBe('ready');
    expect(verdict.textContent).toContain('Модем отвечает, SIM готова');
    expect(verdict.textContent).toContain('Сигнал: 68%');
    const answers = screen.getByTestId(ids.answers).textContent!;
    expect(answers).toContain('> ATI\nManufacturer: QUECTEL\nModel: EC25\nOK');
    expect(answers).toContain('+CSQ: 21,99');
  });

  it('shows the station\'s refusal when the port belongs to a running route', async () => {
    fake.probeAnswer = new Error('The modem route "Модем диспетчерской" (gsm) is using /dev/ttyUSB2; a probe would cut into its commands.');
    await renderPanel('admin');
    fireEvent.change(screen.getByTestId(ids.portPath), { target: { value: '/dev/ttyUSB2' } });
    fireEvent.click(screen.getByTestId(ids.probe));
    await settle();
    expect(screen.getByTestId(ids.probeError).textContent).toMatch(/Проверка не выполнена: .*is using \/dev\/ttyUSB2/);
    expect(screen.queryByTestId(ids.verdict)).toBeNull();
  });

  it('sends a test SMS through the chosen carrier and follows its status from the feed', async () => {
    await renderPanel('admin', 'en');
    fireEvent.change(screen.getByTestId(ids.testCarrier), { target: { value: 'operator' } });
    fireEvent.change(screen.getByTestId(ids.testPhone), { target: { value: '+7 916 000-00-42' } });
    expect((screen.getByTestId(ids.testText) as HTMLInputElement).value).toBe('Switchboard: carrier test');
    fireEvent.click(screen.getByTestId(ids.testSend));
    await settle();
    expect(fake.calls.find((c) => c.method === 'carriers.testSend')!.params).toEqual({ carrierId: 'operator', phone: '+7 916 000-00-42', text: 'Switchboard: carrier test' });
    const result = screen.getByTestId(ids.testResult);
    expect(result.dataset.messageId).toBe('345');
    expect(result.textContent).toContain('Test SMS #345 is queued on "SMPP оператора"');
    const message: MessageView = {
      id: 345, direction: 'out', broadcastId: 12, replyTo: null, contactId: null, contactName: null, phone: '+79160000042', text: 'Switchboard: carrier test',
      tags: [], segments: 1, status: 'sent', error: null, carrier: 'operator', createdAt: 1, updatedAt: 2,
    };
    act(() => useAppStore.getState().feedReceived([message]));
    expect(screen.getByTestId(ids.testResult).dataset.status).toBe('sent');
    expect(screen.getByTestId(ids.testResult).textContent).toContain('sent, no report yet');
  });

  it('counts signal bars as a phone does', () => {
    expect([null, 0, 3, 25, 26, 68, 100].map(signalBars)).toEqual([0, 0, 1, 1, 2, 3, 4]);
  });
});

describe('message status words', () => {
  it('tells "sent, no report yet" apart from "not delivered" in both languages', () => {
    for (const [locale, sent, failed] of [['ru', 'отправлено, отчёта нет', 'не доставлено'], ['en', 'sent, no report yet', 'not delivered']] as const) {
      useAppStore.setState((s) => ({ prefs: { ...s.prefs, locale } }));
      const { unmount } = render(
        <>
          <StatusBadge status="sent" testId="s" />
          <StatusBadge status="failed" testId="f" />
          <StatusBadge status="delivered" testId="d" />
        </>,
      );
      expect(screen.getByTestId('s').textContent).toBe(sent);
      expect(screen.getByTestId('f').textContent).toBe(failed);
      expect(screen.getByTestId('d').textContent).not.toBe(sent);
      unmount();
    }
  });
});
