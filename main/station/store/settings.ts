// Station settings the admin changes at run time (shared/protocol/admin.ts StationSettings), in
// the `settings` table under `station.*` (billing keeps its own `billing.*` keys there). A stored
// value wins over config; config wins over the built-in default. Read on every inbound SMS and
// every request, so values are cached here and the cache is changed with the table.
import type { Db } from './database.js';
import { StationSettings, type SettingKey } from '../../../shared/protocol/index.js';

export const SETTING_KEYS: readonly SettingKey[] = ['replyWindowHours', 'questionWindowHours', 'sessionHours', 'alertMoveSeconds', 'moveSeconds', 'inDoubtGraceSeconds'];

/** What the station does with nothing stored and nothing in config (the outbox's: DEFAULT_OUTBOX_OPTIONS). */
export const BUILT_IN_SETTINGS: StationSettings = {
  replyWindowHours: 24,
  questionWindowHours: 7 * 24,
  sessionHours: 12,
  alertMoveSeconds: 3,
  moveSeconds: 30,
  inDoubtGraceSeconds: 30,
};

export class SettingsRepository {
  private stored: Partial<StationSettings>;

  /** `defaults`: what applies when nothing is stored (config over built-in). */
  constructor(
    private readonly db: Db,
    readonly defaults: StationSettings = BUILT_IN_SETTINGS,
  ) {
    this.stored = this.load();
  }

  get<K extends SettingKey>(key: K): StationSettings[K] {
    return this.stored[key] ?? this.defaults[key];
  }

  effective(): StationSettings {
    return Object.fromEntries(SETTING_KEYS.map((k) => [k, this.get(k)])) as StationSettings;
  }

  /** Told after every change (what reads a setting once, such as the outbox, takes the new value). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private readonly listeners: (() => void)[] = [];

  storedValues(): Partial<StationSettings> {
    return { ...this.stored };
  }

  /** Sets the given keys; null removes the stored value so config applies again. */
  set(patch: { [K in SettingKey]?: number | null | undefined }): void {
    const upsert = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    const remove = this.db.prepare('DELETE FROM settings WHERE key = ?');
    this.db.transaction(() => {
      for (const key of SETTING_KEYS) {
        const value = patch[key];
        if (value === undefined) continue;
        if (value === null) remove.run(`station.${key}`);
        else upsert.run(`station.${key}`, String(value));
      }
    })();
    this.stored = this.load();
    for (const l of this.listeners) l();
  }

  private load(): Partial<StationSettings> {
    const rows = this.db.prepare(`SELECT key, value FROM settings WHERE key LIKE 'station.%'`).all() as { key: string; value: string }[];
    const out: Partial<StationSettings> = {};
    for (const r of rows) {
      const key = r.key.slice('station.'.length) as SettingKey;
      const value = Number(r.value);
      // A value written by hand that makes no sense is ignored rather than trusted.
      if (SETTING_KEYS.includes(key) && StationSettings.shape[key].safeParse(value).success) out[key] = value;
    }
    return out;
  }
}
