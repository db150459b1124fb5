// Compose as a dispatcher uses it, against a fake station speaking the real protocol: finding
// people, the kinds, the instant counter, the second-chance confirmation and templates.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactView } from '../../shared/protocol/index.js';
import { composeTestIds as ids } from '../../renderer/features/compose/testids.js';
import { PREVIEW_DEBOUNCE_MS } from '../../renderer/features/compose/usePreview.js';
import { groupsTestIds } from '../../renderer/features/groups/testids.js';
import { loginTestIds } from '../../renderer/features/login/testids.js';
import { demoSnapshot, demoStation, StationError, type FakeStation } from '../fixtures/control-room/fake-station.js';
import { renderApp, resetRenderer, settle, type Harness } from '../fixtures/control-room/render-app.js';

let harness: Harness | null = null;
beforeEach(() => resetRenderer());
afterEach(() => {
  harness?.bridge.stop();
  harness = null;
  cleanup();
});

const contact = (id: number, name: string, phone: string, position: string | null, groupIds: number[] = [2]): ContactView => ({
  id,
  name,
  phone,
  position,
  active: true,
  groupIds,
});

const CONTACTS = [
  contact(11, 'Иванов Иван', '+79160000011', 'Электромонтёр'),
  contact(12, 'Иваненко Пётр', '+79160000012', 'Мастер'),
  contact(13, 'Сидорова Анна', '+79160000013', 'Диспетчер', [3]),
  contact(14, 'Ли', '+79160000014', null, [3]),
];

async function open(station: FakeStation = demoStation(demoSnapshot({ contacts: CONTACTS }))): Promise<Harness> {
  station.handlers['templates.list'] ??= () => ({ templates: [] });
  const h = await renderApp(station);
  fireEvent.change(screen.getByTestId(loginTestIds.login), { target: { value: 'admin' } });
  fireEvent.change(screen.getByTestId(loginTestIds.password), { target: { value: 'secret' } });
  fireEvent.click(screen.getByTestId(loginTestIds.submit));
  await settle();
  harness = h;
  return h;
}

async function waitPreview() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, PREVIEW_DEBOUNCE_MS + 20));
  });
  await settle();
}

const text = () => screen.getByTestId(ids.text) as HTMLTextAreaElement;
const type = (value: string) => fireEvent.change(text(), { target: { value } });
const sends = (h: Harness) => h.station.calls.filter((c) => c.method === 'send').map((c) => c.params);

describe('finding recipients', () => {
  it('finds people by name, position or phone digits and picks one with the keyboard', async () => {
    await open();
    const search = screen.getByTestId(ids.search);
    fireEvent.change(search, { target: { value: 'иван' } });
    const list = screen.getByTestId(ids.searchList);
    // Names that start with the query first, alphabetically.
    expect(within(list).getAllByRole('option').map((o) => o.getAttribute('data-testid'))).toEqual([ids.searchItem('c12'), ids.searchItem('c11')]);
    expect(search.getAttribute('aria-activedescendant')).toBe(within(list).getAllByRole('option')[0]!.id);
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(within(list).getAllByRole('option')[1]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(screen.getByTestId(ids.contactChip(11)).textContent).toContain('Иванов Иван');
    expect((search as HTMLInputElement).value).toBe('');

    fireEvent.change(search, { target: { value: 'диспетч' } });
    expect(within(screen.getByTestId(ids.searchList)).getByRole('option').textContent).toContain('Сидорова Анна');
    fireEvent.change(search, { target: { value: '0014' } });
    expect(within(screen.getByTestId(ids.searchList)).getByRole('option').textContent).toContain('Ли');
  });

  it('closes the list on Escape, then clears the query on a second Escape', async () => {
    await open();
    const search = screen.getByTestId(ids.search) as HTMLInputElement;
    fireEvent.change(search, { target: { value: 'ив' } });
    fireEvent.keyDown(search, { key: 'Escape' });
    expect(screen.queryByTestId(ids.searchList)).toBeNull();
    expect(search.value).toBe('ив');
    fireEvent.keyDown(search, { key: 'Escape' });
    expect(search.value).toBe('');
  });

  it('offers a typed number nobody has, and a tag by name, and sends to both', async () => {
    const h = await open();
    const search = screen.getByTestId(ids.search);
    fireEvent.change(search, { target: { value: '8 916 555-44-33' } });
    expect(within(screen.getByTestId(ids.searchList)).getAllByRole('option')[0]!.textContent).toBe('Номер +79165554433');
    fireEvent.keyDown(search, { key: 'Enter' });
    fireEvent.change(search, { target: { value: '#авар' } });
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(screen.getByTestId(ids.phoneChip('+79165554433'))).toBeTruthy();
    expect(screen.getByTestId(ids.tagChip('авария'))).toBeTruthy();
    type('Проверка связи');
    fireEvent.click(screen.getByTestId(ids.send));
    await waitPreview();
    fireEvent.click(screen.getByTestId(ids.checkSend));
    await settle();
    expect(sends(h)[0]).toMatchObject({ phones: ['+79165554433'], tags: ['авария'], groups: [], contacts: [] });
  });
});

describe('counting', () => {
  it('counts characters and SMS at once, without waiting for the station', async () => {
    const station = demoStation(demoSnapshot({ contacts: CONTACTS }));
    station.handlers.preview = () => new Promise(() => undefined); // never answers
    await open(station);
    type('я'.repeat(70));
    expect(screen.getByTestId(ids.segments).textContent).toBe('1 SMS');
    expect(screen.getByTestId(ids.encoding).getAttribute('data-encoding')).toBe('ucs2');
    type('я'.repeat(71));
    expect(screen.getByTestId(ids.segments).textContent).toBe('2 SMS');
    type('a'.repeat(160));
    expect(screen.getByTestId(ids.segments).textContent).toBe('1 SMS');
  });

  it('shows a range per person when {name} makes the texts differ', async () => {
    const station = demoStation(demoSnapshot({ contacts: CONTACTS }));
    station.handlers.preview = () => new Promise(() => undefined);
    await open(station);
    fireEvent.click(screen.getByTestId(groupsTestIds.pick(3))); // Сидорова Анна (13 chars) and Ли (2)
    type(`{name}, ${'я'.repeat(58)}`); // 60 + name: "Ли" fits one SMS of 70, "Сидорова Анна" does not
    const segments = screen.getByTestId(ids.segments);
    expect(segments.textContent).toBe('1–2 SMS');
    expect(segments.getAttribute('data-min')).toBe('1');
    expect(segments.getAttribute('data-max')).toBe('2');
  });
});

describe('kinds', () => {
  it('builds a poll: options 2 to 9, "1 - …" lines in the text, options in the request', async () => {
    const h = await open();
    fireEvent.click(screen.getByTestId(groupsTestIds.pick(2)));
    fireEvent.click(screen.getByTestId(ids.kindOption('poll')));
    type('Выход в субботу?');
    fireEvent.change(screen.getByTestId(ids.pollOption(1)), { target: { value: 'Да' } });
    fireEvent.change(screen.getByTestId(ids.pollOption(2)), { target: { value: 'Нет' } });
    // Enter in the last filled option adds the next, up to nine.
    fireEvent.keyDown(screen.getByTestId(ids.pollOption(2)), { key: 'Enter' });
    fireEvent.change(screen.getByTestId(ids.pollOption(3)), { target: { value: 'Опоздаю' } });
    expect(screen.getByTestId(ids.outgoing).textContent).toBe('Выход в субботу?\n1 - Да\n2 - Нет\n3 - Опоздаю');
    for (let i = 0; i < 6; i++) fireEvent.click(screen.getByTestId(ids.pollAdd));
    expect(screen.getByTestId(ids.pollOption(9))).toBeTruthy();
    expect(screen.queryByTestId(ids.pollAdd)).toBeNull();

    fireEvent.click(screen.getByTestId(ids.send));
    await waitPreview();
    fireEvent.click(screen.getByTestId(ids.checkSend));
    await settle();
    expect(sends(h)[0]).toMatchObject({ kind: 'poll', options: ['Да', 'Нет', 'Опоздаю'], text: 'Выход в субботу?\n1 - Да\n2 - Нет\n3 - Опоздаю', groups: [2] });
  });

  it('asks for confirmation with a wait, re-sends and an escalation chain in order', async () => {
    const h = await open();
    fireEvent.click(screen.getByTestId(groupsTestIds.pick(2)));
    fireEvent.click(screen.getByTestId(ids.kindOption('confirm')));
    type('Авария на ПС-4');
    fireEvent.change(screen.getByTestId(ids.confirmAfter), { target: { value: '5' } });
    fireEvent.change(screen.getByTestId(ids.confirmResends), { target: { value: '2' } });
    fireEvent.change(screen.getByTestId(ids.confirmEscalate), { target: { value: '4' } });
    fireEvent.change(screen.getByTestId(ids.confirmEscalate), { target: { value: '1' } });
    expect(screen.getByTestId(ids.chainStep(4)).textContent).toContain('Южный РЭС');
    fireEvent.click(screen.getByTestId(ids.send));
    await waitPreview();
    fireEvent.click(screen.getByTestId(ids.checkSend));
    await settle();
    expect(sends(h)[0]).toMatchObject({
      kind: 'confirm',
      text: 'Авария на ПС-4 Ответьте 1, если приняли.',
      confirm: { afterMinutes: 5, resends: 2, escalateTo: [4, 1] },
    });
  });

  it('puts the order number in the text once and sends it as the code', async () => {
    const h = await open();
    fireEvent.click(screen.getByTestId(groupsTestIds.pick(2)));
    fireEvent.click(screen.getByTestId(ids.kindOption('order')));
    fireEvent.change(screen.getByTestId(ids.orderCode), { target: { value: '#47-11' } });
    expect((screen.getByTestId(ids.orderCode) as HTMLInputElement).value).toBe('4711');
    type('Замена счётчика, ул. Ленина 5');
    expect(screen.getByTestId(ids.outgoing).textContent).toBe('Замена счётчика, ул. Ленина 5 #4711');
    type('Заявка {order}: замена счётчика');
    expect(screen.getByTestId(ids.outgoing).textContent).toBe('Заявка #4711: замена счётчика');
    fireEvent.click(screen.getByTestId(ids.send));
    await waitPreview();
    fireEvent.click(screen.getByTestId(ids.checkSend));
    await settle();
    expect(sends(h)[0]).toMatchObject({ kind: 'order', code: '4711', text: 'Заявка #4711: замена счётчика' });
  });
});

describe('the second chance', () => {
  it('says how many people and SMS, goes back on Escape without sending, sends on Enter', async () => {
    const h = await open();
    fireEvent.click(screen.getByTestId(groupsTestIds.pick(2)));
    fireEvent.click(screen.getByTestId(groupsTestIds.pick(4)));
    type('Авария на ПС-4');
    fireEvent.keyDown(text(), { key: 'Enter', ctrlKey: true });
    await waitPreview();
    const people = screen.getByTestId(ids.checkPeople);
    expect(people.textContent).toBe('Получат 10 человек');
    expect(screen.getByTestId(ids.checkSms).getAttribute('data-count')).toBe('10');
    expect(screen.getByTestId(ids.checkText).textContent).toBe('Авария на ПС-4');
    fireEvent.keyDown(screen.getByTestId(ids.check), { key: 'Escape' });
    expect(screen.queryByTestId(ids.check)).toBeNull();
    expect(sends(h)).toHaveLength(0);
    expect(text().value).toBe('Авария на ПС-4');

    fireEvent.keyDown(text(), { key: 'Enter', ctrlKey: true });
    await waitPreview();
    fireEvent.keyDown(screen.getByTestId(ids.checkPeople), { key: 'Enter' });
    await settle();
    expect(sends(h)).toHaveLength(1);
    expect(screen.getByTestId(ids.result).getAttribute('data-broadcast-id')).toBe('7');
  });

  it('holds Send while the count is not for what is on screen', async () => {
    const station = demoStation(demoSnapshot({ contacts: CONTACTS }));
    station.handlers.preview = () => new Promise(() => undefined);
    await open(station);
    fireEvent.click(screen.getByTestId(groupsTestIds.pick(2)));
    type('x');
    fireEvent.click(screen.getByTestId(ids.send));
    expect((screen.getByTestId(ids.checkSend) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId(ids.checkPeople)).toBeNull();
  });

  it('keeps one clientRef for a send retried after a lost link, and a new one for the next send', async () => {
    const station = demoStation(demoSnapshot({ contacts: CONTACTS }));
    let fail = true;
    const ok = station.handlers.send!;
    station.handlers.send = (p) => {
      if (fail) throw new StationError('internal', 'The station restarted.');
      return ok(p);
    };
    const h = await open(station);
    fireEvent.click(screen.getByTestId(groupsTestIds.pick(2)));
    type('Авария на ПС-4');
    const sendOnce = async () => {
      fireEvent.click(screen.getByTestId(ids.send));
      await waitPreview();
      fireEvent.click(screen.getByTestId(ids.checkSend));
      await settle();
    };
    await sendOnce();
    expect(screen.getByTestId(ids.error).textContent).toContain('The station restarted.');
    fail = false;
    await sendOnce();
    type('Отбой аварии');
    await sendOnce();
    const refs = sends(h).map((p) => (p as { clientRef: string }).clientRef);
    expect(refs).toHaveLength(3);
    expect(refs[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(refs[1]).toBe(refs[0]);
    expect(refs[2]).not.toBe(refs[0]);
  });
});

describe('templates', () => {
  it('inserts a template’s text and kind, and saves what is written under a name', async () => {
    const station = demoStation(demoSnapshot({ contacts: CONTACTS }));
    const saved: unknown[] = [];
    let templates: { id: number; name: string; text: string; kind: string; options: string[] | null; updatedAt: number }[] = [{ id: 1, name: 'Опрос на выход', text: 'Выход в субботу', kind: 'poll', options: ['Да', 'Нет'], updatedAt: 1 }];
    station.handlers['templates.list'] = () => ({ templates });
    station.handlers['templates.save'] = (p: { name: string; text: string; kind: string }) => {
      saved.push(p);
      templates = [...templates, { id: 2, name: p.name, text: p.text, kind: p.kind, options: null, updatedAt: 2 }];
      return { templates };
    };
    await open(station);
    fireEvent.change(screen.getByTestId(ids.templatePick), { target: { value: '1' } });
    expect(text().value).toBe('Выход в субботу');
    expect((screen.getByTestId(ids.kindOption('poll')) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId(ids.pollOption(2)) as HTMLInputElement).value).toBe('Нет');

    fireEvent.click(screen.getByTestId(ids.kindOption('plain')));
    type('{name}, свет дали');
    fireEvent.click(screen.getByTestId(ids.templateSave));
    fireEvent.change(screen.getByTestId(ids.templateName), { target: { value: 'Свет дали' } });
    fireEvent.keyDown(screen.getByTestId(ids.templateName), { key: 'Enter' });
    await settle();
    expect(saved).toEqual([{ name: 'Свет дали', text: '{name}, свет дали', kind: 'plain' }]);
    expect(screen.getByTestId(ids.templateNote).textContent).toBe('Шаблон «Свет дали» сохранён.');
    expect(within(screen.getByTestId(ids.templatePick)).getByText('Свет дали')).toBeTruthy();
  });
});
