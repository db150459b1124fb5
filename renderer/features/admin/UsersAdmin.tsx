// Users and roles: create (a generated password is shown once), rename, change role or language,
// disable and enable, reset a password. Each change is confirmed first; the station refuses what
// would lock it out (an admin demoting or disabling themself) with a sentence shown in the dialog.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { Locale, Role, UserAdminView } from '../../../shared/protocol/index.js';
import { LOCALE_NAMES, LOCALES, useT, type Translate } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { Modal } from '../../ui/Modal.js';
import { ResultLine, useConfirm } from './ConfirmDialog.js';
import { adminTestIds as ids } from './testids.js';

const ROLES: readonly Role[] = ['admin', 'dispatcher', 'viewer'];
type Draft = { name: string; role: Role; locale: Locale };

/** `refresh` changes after any admin change, so last logins and states stay current. */
export function UsersAdmin(props: { onUsersChanged?: () => void; refresh?: number }) {
  const t = useT();
  const station = useStation();
  const me = useAppStore((s) => s.session.user?.id);
  const locale = useAppStore((s) => s.prefs.locale);
  const [users, setUsers] = useState<UserAdminView[]>([]);
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const [shown, setShown] = useState<{ login: string; password: string } | null>(null);
  // A password the station returned, held until the confirm dialog has closed.
  const created = useRef<{ login: string; password: string } | null>(null);
  const { ask, dialog, result } = useConfirm();
  const fmt = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });

  const adopt = (list: UserAdminView[]) => {
    setUsers(list);
    setDrafts(Object.fromEntries(list.map((u) => [u.id, { name: u.name, role: u.role, locale: u.locale }])));
  };
  const reload = useCallback(async () => {
    try {
      adopt((await station.request!('users.list', {})).users);
      setLoadError(null);
    } catch (e) {
      setLoadError(messageOf(e));
    }
  }, [station]);
  useEffect(() => {
    if (station.request) void reload();
  }, [reload, station, props.refresh]);
  const changed = async () => {
    await reload();
    props.onUsersChanged?.();
  };

  const saveRow = (u: UserAdminView) => {
    const d = drafts[u.id]!;
    const lines = changesOf(t, u, d);
    ask({
      title: t('admin.users.confirmSave', { login: u.login }),
      body: <ChangeList lines={lines} />,
      confirmLabel: t('admin.save'),
      run: async () => {
        await station.request!('users.update', {
          id: u.id,
          ...(d.name !== u.name ? { name: d.name } : {}),
          ...(d.role !== u.role ? { role: d.role } : {}),
          ...(d.locale !== u.locale ? { locale: d.locale } : {}),
        });
        await changed();
      },
      done: t('admin.users.saved', { login: u.login }),
    });
  };
  const toggleDisabled = (u: UserAdminView) =>
    ask({
      title: t(u.disabled ? 'admin.users.confirmEnable' : 'admin.users.confirmDisable', { login: u.login }),
      body: <p>{t(u.disabled ? 'admin.users.enableBody' : 'admin.users.disableBody', { login: u.login })}</p>,
      confirmLabel: t(u.disabled ? 'admin.users.enable' : 'admin.users.disable'),
      danger: !u.disabled,
      run: async () => {
        await station.request!('users.update', { id: u.id, disabled: !u.disabled });
        await changed();
      },
      done: t(u.disabled ? 'admin.users.enabled' : 'admin.users.disabledDone', { login: u.login }),
    });
  const resetPassword = (u: UserAdminView) =>
    ask({
      title: t('admin.users.confirmReset', { login: u.login }),
      body: <p>{t('admin.users.resetBody', { login: u.login })}</p>,
      confirmLabel: t('admin.users.reset'),
      danger: true,
      run: async () => {
        const { password } = await station.request!('users.resetPassword', { id: u.id });
        created.current = { login: u.login, password };
        await reload();
      },
      done: t('admin.users.resetDone', { login: u.login }),
      then: () => setShown(created.current),
    });

  return (
    <section className="admin-section" aria-labelledby="admin-users-h" data-testid={ids.users}>
      <h3 id="admin-users-h">{t('admin.users')}</h3>
      <CreateUserForm
        onCreate={(input, reset) =>
          ask({
            title: t('admin.users.confirmCreate', { login: input.login }),
            body: (
              <ChangeList
                lines={[
                  `${t('admin.users.login')}: ${input.login}`,
                  `${t('admin.users.name')}: ${input.name}`,
                  `${t('admin.role')}: ${t(`role.${input.role}`)}`,
                  input.password ? t('admin.users.passwordChosen') : t('admin.users.passwordGenerated'),
                ]}
              />
            ),
            confirmLabel: t('admin.users.create'),
            run: async () => {
              const made = await station.request!('users.create', input);
              created.current = made.password ? { login: made.user.login, password: made.password } : null;
              reset();
              await changed();
            },
            done: t('admin.users.created', { login: input.login }),
            then: () => setShown(created.current),
          })
        }
      />
      <div className="admin-scroll">
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.users.login')}</th>
              <th scope="col">{t('admin.users.name')}</th>
              <th scope="col">{t('admin.role')}</th>
              <th scope="col">{t('admin.users.locale')}</th>
              <th scope="col">{t('admin.users.state')}</th>
              <th scope="col">{t('admin.users.lastLogin')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('admin.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => {
              const d = drafts[u.id];
              if (!d) return null;
              const dirty = d.name.trim() !== u.name || d.role !== u.role || d.locale !== u.locale;
              const set = (patch: Partial<Draft>) => setDrafts((all) => ({ ...all, [u.id]: { ...d, ...patch } }));
              return (
                <tr key={u.id} data-testid={ids.userRow(u.login)} data-disabled={u.disabled} className={u.disabled ? 'user-disabled' : undefined}>
                  <th scope="row">
                    {u.login}
                    {u.id === me ? <span className="muted"> ({t('admin.users.you')})</span> : null}
                  </th>
                  <td>
                    <input value={d.name} onChange={(e) => set({ name: e.target.value })} aria-label={t('admin.users.nameOf', { login: u.login })} maxLength={100} />
                  </td>
                  <td>
                    <select
                      value={d.role}
                      onChange={(e) => set({ role: e.target.value as Role })}
                      aria-label={t('admin.users.roleOf', { login: u.login })}
                      title={u.id === me ? t('admin.users.notSelf') : undefined}
                      disabled={u.id === me}
                      data-testid={ids.userRole(u.login)}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`role.${r}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select value={d.locale} onChange={(e) => set({ locale: e.target.value as Locale })} aria-label={t('admin.users.localeOf', { login: u.login })}>
                      {LOCALES.map((l) => (
                        <option key={l} value={l} lang={l}>
                          {LOCALE_NAMES[l]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{t(u.disabled ? 'admin.users.isDisabled' : 'admin.users.isActive')}</td>
                  <td className="admin-nowrap">{u.lastLoginAt === null ? t('admin.users.never') : fmt.format(u.lastLoginAt)}</td>
                  <td className="admin-actions">
                    <button type="button" className="button small" disabled={!dirty || d.name.trim() === ''} onClick={() => saveRow(u)} data-testid={ids.userSave(u.login)}>
                      {t('admin.save')}
                    </button>
                    <button type="button" className="button small" onClick={() => resetPassword(u)} data-testid={ids.userReset(u.login)} aria-label={t('admin.users.resetOf', { login: u.login })}>
                      {t('admin.users.reset')}
                    </button>
                    <button
                      type="button"
                      className={`button small ${u.disabled ? '' : 'danger'}`}
                      onClick={() => toggleDisabled(u)}
                      // The station refuses it too; here the admin sees why before trying.
                      disabled={u.id === me}
                      title={u.id === me ? t('admin.users.notSelf') : undefined}
                      data-testid={ids.userToggle(u.login)}
                      aria-label={t(u.disabled ? 'admin.users.enableOf' : 'admin.users.disableOf', { login: u.login })}
                    >
                      {t(u.disabled ? 'admin.users.enable' : 'admin.users.disable')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {loadError ? (
        <p className="form-error" role="alert">
          {loadError}
        </p>
      ) : null}
      <ResultLine result={result} testId={ids.usersResult} />
      {dialog}
      {shown ? <PasswordOnce login={shown.login} password={shown.password} onClose={() => setShown(null)} /> : null}
    </section>
  );
}

function changesOf(t: Translate, u: UserAdminView, d: Draft): string[] {
  const lines: string[] = [];
  if (d.name.trim() !== u.name) lines.push(`${t('admin.users.name')}: ${u.name} → ${d.name.trim()}`);
  if (d.role !== u.role) lines.push(`${t('admin.role')}: ${t(`role.${u.role}`)} → ${t(`role.${d.role}`)}`);
  if (d.locale !== u.locale) lines.push(`${t('admin.users.locale')}: ${LOCALE_NAMES[u.locale]} → ${LOCALE_NAMES[d.locale]}`);
  return lines;
}

export function ChangeList(props: { lines: string[] }) {
  return (
    <ul className="change-list">
      {props.lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}

function CreateUserForm(props: { onCreate: (input: { login: string; name: string; role: Role; password?: string }, reset: () => void) => void }) {
  const t = useT();
  const [login, setLogin] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('dispatcher');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!login.trim() || !name.trim()) return;
    // The form empties only once the user exists: a refused login stays there to be corrected.
    props.onCreate({ login: login.trim(), name: name.trim(), role, ...(password ? { password } : {}) }, () => {
      setLogin('');
      setName('');
      setPassword('');
    });
  };
  return (
    <form className="admin-form" onSubmit={submit} data-testid={ids.userCreate} aria-label={t('admin.users.createHeading')}>
      <label>
        <span>{t('admin.users.login')}</span>
        <input value={login} onChange={(e) => setLogin(e.target.value)} required maxLength={64} autoComplete="off" data-testid={ids.userCreateLogin} />
      </label>
      <label>
        <span>{t('admin.users.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} autoComplete="off" data-testid={ids.userCreateName} />
      </label>
      <label>
        <span>{t('admin.role')}</span>
        <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid={ids.userCreateRole}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('admin.users.password')}</span>
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          minLength={8}
          autoComplete="new-password"
          placeholder={t('admin.users.passwordHint')}
          data-testid={ids.userCreatePassword}
        />
      </label>
      <button type="submit" className="button primary" data-testid={ids.userCreateSubmit}>
        {t('admin.users.create')}
      </button>
    </form>
  );
}

/** A generated password, shown this once: the station keeps only its hash. */
function PasswordOnce(props: { login: string; password: string; onClose: () => void }) {
  const t = useT();
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.select(), []);
  return (
    <Modal title={t('admin.users.passwordTitle', { login: props.login })} testId={ids.passwordDialog} initialFocus={field} onClose={props.onClose}>
      <p className="key-warning">{t('admin.users.passwordOnce')}</p>
      <input ref={field} readOnly value={props.password} className="key-value" aria-label={t('admin.users.passwordOf', { login: props.login })} data-testid={ids.passwordValue} />
      <div className="modal-actions">
        <button type="button" className="button primary" onClick={props.onClose} data-testid={ids.passwordClose}>
          {t('admin.users.passwordNoted')}
        </button>
      </div>
    </Modal>
  );
}
