// mail2sms addresses of every group: the name as an address (quoted when it has spaces) and the
// Latin alias an administrator gives it, which any mail client and relay takes.
import { useCallback, useEffect, useId, useState } from 'react';
import type { GroupMailAddress } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { integrationsTestIds as common } from './testids.js';
import { m2mTestIds as ids } from './m2m-testids.js';

/** `Север@d`, `"Бригада 1"@d`: how a mail client must write the group's name. */
export function nameAddress(name: string, domain: string): string {
  return /^[^\s"(),:;<>@[\\\]]+$/.test(name) ? `${name}@${domain}` : `"${name.replace(/(["\\])/g, '\\$1')}"@${domain}`;
}

export function MailAddresses() {
  const t = useT();
  const station = useStation();
  const headingId = useId();
  const [data, setData] = useState<{ enabled: boolean; domains: string[]; groups: GroupMailAddress[] } | null>(null);
  const [draft, setDraft] = useState<Record<number, string>>({});
  const [saved, setSaved] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setData(await station.request!('mail.addresses', {}));
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [station]);
  useEffect(() => {
    void load();
  }, [load]);

  const save = async (g: GroupMailAddress) => {
    const value = (draft[g.id] ?? g.alias ?? '').trim();
    try {
      const { group } = await station.request!('mail.setAlias', { groupId: g.id, alias: value === '' ? null : value });
      setData((d) => d && { ...d, groups: d.groups.map((x) => (x.id === group.id ? group : x)) });
      setDraft(({ [g.id]: _, ...rest }) => rest);
      setSaved(g.id);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const domain = data?.domains[0] ?? 'localhost';
  return (
    <section className="integrations-section" aria-labelledby={headingId} data-testid={ids.mail}>
      <div className="integrations-head">
        <h3 id={headingId}>{t('mail.heading')}</h3>
      </div>
      <p className="hint">{t('mail.hint')}</p>
      {data && !data.enabled ? <p className="hint">{t('mail.off')}</p> : null}
      {error ? (
        <p className="form-error" role="alert" data-testid={common.error}>
          {error}
        </p>
      ) : null}
      {data && data.groups.length === 0 ? <p className="empty">{t('mail.empty')}</p> : null}
      {data && data.groups.length > 0 ? (
        <div className="integrations-scroll">
          <table className="integrations-table" aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">{t('mail.group')}</th>
                <th scope="col">{t('mail.addresses')}</th>
                <th scope="col">{t('mail.alias')}</th>
              </tr>
            </thead>
            <tbody>
              {data.groups.map((g) => (
                <tr key={g.id} data-testid={ids.mailRow(g.id)}>
                  <th scope="row">
                    {g.parentName ? <span className="muted">{g.parentName} › </span> : null}
                    {g.name}
                  </th>
                  <td>
                    <code className="integrations-url">{nameAddress(g.name, domain)}</code>
                    {g.alias ? (
                      <>
                        <br />
                        <code className="integrations-url">{`${g.alias}@${domain}`}</code>
                      </>
                    ) : null}
                  </td>
                  <td className="integrations-nowrap">
                    <form
                      className="mail-alias-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void save(g);
                      }}
                    >
                      <input
                        aria-label={t('mail.aliasLabel', { name: g.name })}
                        autoComplete="off"
                        spellCheck={false}
                        maxLength={64}
                        value={draft[g.id] ?? g.alias ?? ''}
                        onChange={(e) => setDraft((d) => ({ ...d, [g.id]: e.target.value }))}
                        data-testid={ids.alias(g.id)}
                      />{' '}
                      <button type="submit" className="button small" disabled={draft[g.id] === undefined} data-testid={ids.aliasSave(g.id)}>
                        {t('mail.save')}
                      </button>
                      {saved === g.id && draft[g.id] === undefined ? (
                        <span className="muted" role="status">
                          {' '}
                          {t('mail.saved')}
                        </span>
                      ) : null}
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
