// Carrier sentences reach a Russian desk in Russian: every template of carrier-texts.ts is
// recognised from its English and told again with the same params; the carriers' own strings
// (the simulator's, the outbox's, an SMPP link's) are among them; an id prefix and several
// sentences in one detail are told piece by piece; what no template knows is left alone.
import { describe, expect, it } from 'vitest';
import type { Entry, MessageParams } from '../../main/station/i18n/catalog.js';
import { carrierTexts } from '../../main/station/i18n/carrier-texts.js';
import { carrierText, tellCarrierText, tellCarrierTexts, type CarrierTextKey } from '../../main/station/i18n/tell-carrier-texts.js';
import { SimulatorCarrier } from '../../main/station/carriers/simulator.js';
import { CARRIER_TEXT_SAMPLES } from './carrier-text-samples.js';

const keys = Object.keys(carrierTexts) as CarrierTextKey[];
const render = (key: CarrierTextKey, locale: 'en' | 'ru') => (carrierTexts[key] as Entry<MessageParams>)[locale](CARRIER_TEXT_SAMPLES[key] as MessageParams);

describe('carrier texts at the boundary', () => {
  it.each(keys)('%s is recognised from its English and told in Russian', (key) => {
    expect(tellCarrierText(render(key, 'en'), 'ru')).toBe(render(key, 'ru'));
    expect(tellCarrierText(render(key, 'en'), 'en')).toBe(render(key, 'en'));
  });

  it('tells what the simulator and the outbox write, word for word', async () => {
    const sim = new SimulatorCarrier();
    await sim.start({ inbound: async () => undefined, report: () => undefined, status: () => undefined });
    expect(tellCarrierText(sim.status().detail!, 'ru')).toBe('Симулированная сеть: отвечают виртуальные сотрудники.');
    await sim.stop();
    expect(tellCarrierText('Subscriber unreachable (simulated).', 'ru')).toBe('Абонент недоступен (симуляция).');
    expect(tellCarrierText('No carrier is connected that can take this SMS; waiting for one.', 'ru')).toMatch(/^Нет подключённого канала/);
  });

  it('tells what the modem driver writes, nested sentences included', () => {
    expect(tellCarrierText('The modem is starting up: the SIM is not ready yet (+CME ERROR 10). Retrying…', 'ru')).toBe('Модем запускается: SIM-карта ещё не готова (+CME ERROR 10). Повторяем…');
    expect(tellCarrierText('The modem restarted (it said "SMS Ready"); setting it up again.', 'ru')).toBe('Модем перезапустился (он сообщил «SMS Ready»); настраиваем заново.');
    expect(tellCarrierText('The modem stopped answering (3 commands in a row got no answer); reset it (AT+CFUN=1,1) and reopening the port.', 'ru')).toBe(
      'Модем перестал отвечать (команды подряд (3) остались без ответа); сброшен (AT+CFUN=1,1), порт открывается заново.',
    );
    expect(tellCarrierText('The SIM did not become ready (the SIM is not ready yet (+CPIN: NOT READY)). Trying again.', 'ru')).toBe(
      'SIM-карта так и не стала готова (SIM-карта ещё не готова (+CPIN: NOT READY)). Пробуем снова.',
    );
    expect(tellCarrierText('Opening the modem port… SIM message storage is full (10/10); reading it out.', 'ru')).toBe('Открываем порт модема… Память SMS на SIM-карте заполнена (10/10); считываем её.');
  });

  it('keeps a carrier id prefix, tells nested and joined sentences, leaves unknown ones', () => {
    expect(tellCarrierText('smpp-1: The SMSC refused the SMS to +79161234567: wrong password (ESME_RINVPASWD).', 'ru')).toBe(
      'smpp-1: SMSC отклонил SMS для +79161234567: wrong password (ESME_RINVPASWD).',
    );
    expect(tellCarrierText('Bind failed: The SMSC closed the connection.', 'ru')).toBe('Не удалось подключиться (bind): SMSC закрыл соединение.');
    expect(tellCarrierText('Connected, but the last 4 submits got no answer in time. 2 SMS in doubt (sent, no answer yet).', 'ru')).toBe(
      'Связь есть, но последние отправки (4) остались без ответа. SMS без подтверждения: 2 (отправлены, ответа ещё нет).',
    );
    expect(tellCarrierText('The carrier asks to slow down: 10 of the last 10 submits were throttled. Testing it with one SMS.', 'ru')).toBe(
      'Канал просит отправлять медленнее: 10 из последних 10 отправок отложены. Проверяем одним SMS.',
    );
    expect(tellCarrierText('Something the catalog does not know.', 'ru')).toBe('Something the catalog does not know.');
    expect(carrierText('carrier.smpp.connecting', { address: 'smsc:2775' })).toBe('Connecting to smsc:2775…');
  });

  it('tells the detail, error and sentence fields of a reply, and costs nothing in English', () => {
    const snapshot = {
      carriers: [{ id: 'sim', detail: 'Simulated outage.', name: 'Simulated outage.' }],
      feed: [{ id: 1, error: 'Subscriber unreachable (simulated).', text: 'Subscriber unreachable (simulated).' }],
    };
    const told = tellCarrierTexts(snapshot, 'ru');
    expect(told.carriers[0]).toEqual({ id: 'sim', detail: 'Симулированная авария сети.', name: 'Simulated outage.' });
    expect(told.feed[0]!.error).toBe('Абонент недоступен (симуляция).');
    expect(told.feed[0]!.text).toBe('Subscriber unreachable (simulated).');
    expect(tellCarrierTexts(snapshot, 'en')).toBe(snapshot);
  });
});
