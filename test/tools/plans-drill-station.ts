// The station of the plans drill (e2e and screenshots): a power utility's district whose only
// carrier is the emulated modem (SMS and voice over a socat pty), rosters by day and night in a
// zone where it is 03:xx now, the on-call master one level up, plan "Авария на ПС" with the call
// step, a dispatcher, an API key and an authorised phone for SMS commands. Time for the escalation
// clock is a FakeClock the drill moves on, so a ten-minute wait takes no time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStation, type Station } from '../../main/station/index.js';
import { createModemCarrier } from '../../main/station/carriers/modem/index.js';
import { ApiKeyRepository } from '../../main/station/integrations/api-keys.js';
import { FakeClock } from './fake-clock.js';
import { startVoiceModem, type VoiceModem } from './modem-emulator/voice-harness.js';
import { dayNightRoster, outagePlan, zoneWhereItIs } from './plans-fixture.js';

export const DRILL_PHONES = {
  ivanov: '+79161000001',
  petrov: '+79161000002',
  sidorova: '+79161000003',
  day: '+79161000004',
  master: '+79161000005',
  chief: '+79161000006',
  stranger: '+79169999999',
} as const;

export interface DrillStation {
  station: Station;
  modem: VoiceModem;
  clock: FakeClock;
  zone: string;
  planId: number;
  apiKey: string;
  login: { login: string; password: string };
  /** Texts sent to a phone through the modem, parts of one SMS joined. */
  sentTo(phone: string): string;
  stop(): Promise<void>;
}

export async function startDrillStation(): Promise<DrillStation> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-plans-drill-'));
  const modem = await startVoiceModem();
  const clock = new FakeClock();
  const carrier = createModemCarrier({ id: 'gsm1', name: 'Модем 1', path: modem.stationPath, profile: 'simcom', reopenMinMs: 100, reopenMaxMs: 500 });
  const station = await createStation({ dataDir: dir, port: 0, host: '127.0.0.1', logLevel: 'silent', carriers: [carrier], clock });
  const { store } = station.core;
  const company = store.groups.create('Энергосеть');
  const district = store.groups.create('Северный РЭС', company, 1);
  const control = store.groups.create('Диспетчерская служба', company, 0);
  const person = (name: string, phone: string, group: number, position: string) => {
    const c = store.contacts.upsert({ name, phone, position });
    store.groups.addMember(group, c.id);
    return c.id;
  };
  const p = DRILL_PHONES;
  const ivanov = person('Иванов Алексей', p.ivanov, district, 'Электромонтёр');
  const petrov = person('Петров Сергей', p.petrov, district, 'Электромонтёр');
  const sidorova = person('Сидорова Ольга', p.sidorova, district, 'Электромонтёр');
  const day = person('Кузнецов Иван', p.day, district, 'Электромонтёр');
  const master = person('Смирнов Павел', p.master, company, 'Мастер');
  const chief = person('Волков Дмитрий', p.chief, control, 'Начальник смены');
  const zone = zoneWhereItIs(3, clock.now());
  const password = 'drill-password-4967';
  const user = await store.users.create({ login: 'dispatcher', name: 'Диспетчер Орлова', role: 'dispatcher', password });
  store.db.prepare(`INSERT INTO rights (user_id, scope, target_id) VALUES (?, 'group', ?)`).run(user.id, company);
  const service = station.core.plans!;
  const system = { userId: null, name: 'system', role: 'system' as const };
  service.saveRoster(system, dayNightRoster(district, 'дежурный инженер', zone, [day], [ivanov, petrov, sidorova]));
  service.saveRoster(system, dayNightRoster(company, 'мастер', zone, [chief], [master]));
  service.savePlan(system, outagePlan({ district, upper: company, afterMinutes: 10, ringSeconds: 10 }) as never, null, null);
  const planId = service.plans.all()[0]!.id;
  service.saveSmsLaunchers(system, [{ phone: p.chief, userId: user.id, note: 'начальник смены' }]);
  const apiKey = new ApiKeyRepository(store.db).create('dispatcher', 'SCADA').key;
  const deadline = Date.now() + 15_000;
  while (!(carrier.status().state === 'up' && modem.voice.commands.includes('AT+CLIP=1'))) {
    if (Date.now() > deadline) throw new Error('the emulated modem did not come up');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    station,
    modem,
    clock,
    zone,
    planId,
    apiKey,
    login: { login: 'dispatcher', password },
    sentTo: (phone) => modem.emulator.sent.filter((s) => s.decoded.to === phone).map((s) => s.decoded.text).join(''),
    async stop() {
      await station.stop();
      await modem.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
