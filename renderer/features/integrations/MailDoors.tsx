// The mail doors as the administrator sets them up: the SMTP listener (where, which domains, who
// may send and with whose rights), the IMAP mailbox poll and the relay refused mail is bounced
// through. Saved, they apply at once; switching a door off asks first; passwords go in and are
// not shown back. A test mail goes the whole way through the SMTP door (an SMS is sent); the
// mailbox test logs in and counts what is there.
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { DoorTestResult, ImapDoorInput, MailDoorsView, SmtpDoor, UserAdminView } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useConfirm } from '../../ui/ConfirmDialog.js';
import { doorsTestIds as ids } from './doors-testids.js';

interface Form {
  smtp: Omit<SmtpDoor, 'domains' | 'senders'> & { domains: string; senders: { address: string; login: string }[] };
  imap: Omit<ImapDoorInput, 'password' | 'bounce'> & { password: string; bounceOn: boolean; bounce: NonNullable<ImapDoorInput['bounce']> & { password: string } };
}

function formOf(v: MailDoorsView): Form {
  const b = v.imap.bounce;
  return {
    smtp: { ...v.smtp, domains: v.smtp.domains.join(', '), senders: Object.entries(v.smtp.senders).map(([address, login]) => ({ address, login })) },
    imap: {
      enabled: v.imap.enabled,
      host: v.imap.host,
      port: v.imap.port,
      secure: v.imap.secure,
      user: v.imap.user,
      mailbox: v.imap.mailbox,
      pollSeconds: v.imap.pollSeconds,
      password: '',
      bounceOn: b !== null,
      bounce: { host: b?.host ?? '', port: b?.port ?? 587, secure: b?.secure ?? false, user: b?.user ?? '', from: b?.from ?? '', password: '' },
    },
  };
}

function Field(props: { label: string; children: ReactNode; hint?: string; wide?: boolean }) {
  return (
    <label className={props.wide ? 'door-field door-field-wide' : 'door-field'}>
      <span>{props.label}</span>
      {props.children}
      {props.hint ? <span className="hint">{props.hint}</span> : null}
    </label>
  );
}

export function MailDoors() {
  const t = useT();
  const station = useStation();
  const headingId = useId();
  const [view, setView] = useState<MailDoorsView | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [users, setUsers] = useState<UserAdminView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [test, setTest] = useState<DoorTestResult | null>(null);
  const [testFrom, setTestFrom] = useState('');
  const [testTo, setTestTo] = useState('');
  const { ask, dialog, result, setResult } = useConfirm(ids.confirm);

  const adopt = (v: MailDoorsView) => {
    setView(v);
    setForm(formOf(v));
  };
  useEffect(() => {
    station.request!('doors.mail', {}).then(adopt, (e: unknown) => setError(messageOf(e)));
    station.request!('users.list', {}).then(
      (r) => setUsers(r.users.filter((u) => !u.disabled)),
      () => undefined,
    );
  }, [station]);
  if (!view || !form) return error ? <p className="form-error" role="alert">{error}</p> : null;

  const set = <K extends 'smtp' | 'imap'>(door: K, patch: Partial<Form[K]>) => setForm((f) => (f ? { ...f, [door]: { ...f[door], ...patch } } : f));
  const request = () => {
    const { bounceOn, bounce, password, ...imap } = form.imap;
    return {
      smtp: {
        ...form.smtp,
        domains: form.smtp.domains.split(/[,\s]+/).map((d) => d.trim()).filter(Boolean),
        senders: Object.fromEntries(form.smtp.senders.filter((s) => s.address.trim() !== '').map((s) => [s.address.trim(), s.login])),
      },
      imap: {
        ...imap,
        ...(password !== '' ? { password } : {}),
        bounce: bounceOn
          ? { host: bounce.host, port: bounce.port, secure: bounce.secure, user: bounce.user, from: bounce.from, ...(bounce.password !== '' ? { password: bounce.password } : {}) }
          : null,
      },
    };
  };
  const run = async () => {
    const next = await station.request!('doors.saveMail', request());
    adopt(next);
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    const switchingOff = (view.smtp.enabled && !form.smtp.enabled) || (view.imap.enabled && !form.imap.enabled);
    if (switchingOff) {
      ask({ title: t('doors.offTitle'), body: <p>{t('doors.offBody')}</p>, confirmLabel: t('doors.save'), danger: true, run, done: t('doors.saved') });
      return;
    }
    setBusy(true);
    setError(null);
    run().then(
      () => setResult({ ok: true, text: t('doors.saved') }),
      (err: unknown) => setResult({ ok: false, text: messageOf(err) }),
    ).finally(() => setBusy(false));
  };
  const runTest = async (params: { door: 'smtp'; from: string; to: string } | { door: 'imap' }) => {
    setBusy(true);
    setTest(null);
    try {
      setTest(await station.request!('doors.testMail', params));
    } catch (e) {
      setTest({ ok: false, detail: messageOf(e), tookMs: 0 });
    } finally {
      setBusy(false);
    }
  };
  const senders = form.smtp.senders;

  return (
    <section className="integrations-section doors" aria-labelledby={headingId} data-testid={ids.section}>
      <div className="integrations-head">
        <h3 id={headingId}>{t('doors.heading')}</h3>
        <span className="muted">{t('doors.hint')}</span>
      </div>
      <form className="doors-form" onSubmit={save}>
        <fieldset className="door">
          <legend>{t('doors.smtp')}</legend>
          <label className="inline-check">
            <input type="checkbox" checked={form.smtp.enabled} onChange={(e) => set('smtp', { enabled: e.target.checked })} data-testid={ids.smtpEnabled} />
            <span>{t('doors.smtp.enabled')}</span>
          </label>
          <p className="muted" data-testid={ids.listening} data-port={view.listening ?? ''}>
            {view.listening !== null ? t('doors.smtp.listening', { port: view.listening }) : t('doors.smtp.off')}
          </p>
          <div className="door-grid">
            <Field label={t('doors.smtp.host')}>
              <input value={form.smtp.host} onChange={(e) => set('smtp', { host: e.target.value })} data-testid={ids.smtpHost} />
            </Field>
            <Field label={t('doors.smtp.port')}>
              <input type="number" value={form.smtp.port} onChange={(e) => set('smtp', { port: Number(e.target.value) })} data-testid={ids.smtpPort} />
            </Field>
            <Field label={t('doors.smtp.domains')} hint={t('doors.smtp.domainsHint')} wide>
              <input value={form.smtp.domains} onChange={(e) => set('smtp', { domains: e.target.value })} data-testid={ids.smtpDomains} />
            </Field>
            <Field label={t('doors.smtp.maxText')}>
              <input type="number" value={form.smtp.maxTextChars} onChange={(e) => set('smtp', { maxTextChars: Number(e.target.value) })} />
            </Field>
          </div>
          <h4>{t('doors.senders')}</h4>
          <p className="hint">{t('doors.senders.hint')}</p>
          <ul className="door-senders">
            {senders.map((s, i) => (
              <li key={i}>
                <input
                  value={s.address}
                  placeholder="scada@example.org"
                  aria-label={t('doors.senders.address')}
                  onChange={(e) => set('smtp', { senders: senders.map((x, j) => (j === i ? { ...x, address: e.target.value } : x)) })}
                  data-testid={ids.senderAddress(i)}
                />
                <span aria-hidden="true">→</span>
                <select
                  value={s.login}
                  aria-label={t('doors.senders.user')}
                  onChange={(e) => set('smtp', { senders: senders.map((x, j) => (j === i ? { ...x, login: e.target.value } : x)) })}
                  data-testid={ids.senderUser(i)}
                >
                  {!users.some((u) => u.login === s.login) ? <option value={s.login}>{s.login}</option> : null}
                  {users.map((u) => (
                    <option key={u.id} value={u.login}>
                      {u.login} ({u.name})
                    </option>
                  ))}
                </select>
                <button type="button" className="button small ghost" onClick={() => set('smtp', { senders: senders.filter((_, j) => j !== i) })} aria-label={t('doors.senders.remove', { address: s.address })}>
                  ×
                </button>
              </li>
            ))}
          </ul>
          <div>
            <button type="button" className="button small" onClick={() => set('smtp', { senders: [...senders, { address: '', login: users[0]?.login ?? '' }] })} data-testid={ids.senderAdd}>
              + {t('doors.senders.add')}
            </button>
          </div>
        </fieldset>

        <fieldset className="door">
          <legend>{t('doors.imap')}</legend>
          <label className="inline-check">
            <input type="checkbox" checked={form.imap.enabled} onChange={(e) => set('imap', { enabled: e.target.checked })} data-testid={ids.imapEnabled} />
            <span>{t('doors.imap.enabled')}</span>
          </label>
          <div className="door-grid">
            <Field label={t('doors.imap.host')}>
              <input value={form.imap.host} onChange={(e) => set('imap', { host: e.target.value })} data-testid={ids.imapHost} />
            </Field>
            <Field label={t('doors.imap.port')}>
              <input type="number" value={form.imap.port} onChange={(e) => set('imap', { port: Number(e.target.value) })} />
            </Field>
            <label className="inline-check">
              <input type="checkbox" checked={form.imap.secure} onChange={(e) => set('imap', { secure: e.target.checked })} />
              <span>{t('doors.imap.secure')}</span>
            </label>
            <Field label={t('doors.imap.user')}>
              <input value={form.imap.user} autoComplete="off" onChange={(e) => set('imap', { user: e.target.value })} data-testid={ids.imapUser} />
            </Field>
            <Field label={t('doors.imap.password')}>
              <input
                type="password"
                value={form.imap.password}
                autoComplete="new-password"
                placeholder={view.imap.passwordSet ? t('doors.secretSet') : ''}
                onChange={(e) => set('imap', { password: e.target.value })}
                data-testid={ids.imapPassword}
              />
            </Field>
            <Field label={t('doors.imap.mailbox')}>
              <input value={form.imap.mailbox} onChange={(e) => set('imap', { mailbox: e.target.value })} />
            </Field>
            <Field label={t('doors.imap.poll')}>
              <input type="number" value={form.imap.pollSeconds} onChange={(e) => set('imap', { pollSeconds: Number(e.target.value) })} />
            </Field>
          </div>
          <label className="inline-check">
            <input type="checkbox" checked={form.imap.bounceOn} onChange={(e) => set('imap', { bounceOn: e.target.checked })} data-testid={ids.bounceOn} />
            <span>{t('doors.bounce')}</span>
          </label>
          {form.imap.bounceOn ? (
            <div className="door-grid">
              <Field label={t('doors.bounce.host')}>
                <input value={form.imap.bounce.host} onChange={(e) => set('imap', { bounce: { ...form.imap.bounce, host: e.target.value } })} />
              </Field>
              <Field label={t('doors.bounce.port')}>
                <input type="number" value={form.imap.bounce.port} onChange={(e) => set('imap', { bounce: { ...form.imap.bounce, port: Number(e.target.value) } })} />
              </Field>
              <Field label={t('doors.bounce.user')}>
                <input value={form.imap.bounce.user} autoComplete="off" onChange={(e) => set('imap', { bounce: { ...form.imap.bounce, user: e.target.value } })} />
              </Field>
              <Field label={t('doors.bounce.password')}>
                <input
                  type="password"
                  value={form.imap.bounce.password}
                  autoComplete="new-password"
                  placeholder={view.imap.bounce?.passwordSet ? t('doors.secretSet') : ''}
                  onChange={(e) => set('imap', { bounce: { ...form.imap.bounce, password: e.target.value } })}
                />
              </Field>
              <Field label={t('doors.bounce.from')}>
                <input value={form.imap.bounce.from} onChange={(e) => set('imap', { bounce: { ...form.imap.bounce, from: e.target.value } })} />
              </Field>
            </div>
          ) : null}
        </fieldset>
        <div>
          <button type="submit" className="button primary" disabled={busy} data-testid={ids.save}>
            {t('doors.save')}
          </button>
        </div>
      </form>
      {result ? (
        <p className={result.ok ? 'ok' : 'form-error'} role={result.ok ? 'status' : 'alert'} data-testid={ids.result} data-ok={result.ok}>
          {result.text}
        </p>
      ) : null}

      <fieldset className="door">
        <legend>{t('doors.test')}</legend>
        <p className="hint">{t('doors.test.hint')}</p>
        <div className="door-grid">
          <Field label={t('doors.test.from')}>
            <input value={testFrom} list={`${headingId}-senders`} onChange={(e) => setTestFrom(e.target.value)} data-testid={ids.testFrom} />
            <datalist id={`${headingId}-senders`}>{Object.keys(view.smtp.senders).map((a) => <option key={a} value={a} />)}</datalist>
          </Field>
          <Field label={t('doors.test.to')}>
            <input value={testTo} placeholder={`+79160000000@${view.smtp.domains[0] ?? 'localhost'}`} onChange={(e) => setTestTo(e.target.value)} data-testid={ids.testTo} />
          </Field>
        </div>
        <div className="door-actions">
          <button type="button" className="button" disabled={busy || !testFrom.trim() || !testTo.trim()} onClick={() => void runTest({ door: 'smtp', from: testFrom.trim(), to: testTo.trim() })} data-testid={ids.testSmtp}>
            {t('doors.test.send')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void runTest({ door: 'imap' })} data-testid={ids.testImap}>
            {t('doors.test.imap')}
          </button>
        </div>
        {test ? (
          <p className={test.ok ? 'ok' : 'form-error'} role="status" data-testid={ids.testResult} data-ok={test.ok}>
            {test.ok ? t('doors.test.ok', { ms: test.tookMs, detail: test.detail }) : t('doors.test.failed', { detail: test.detail })}
          </p>
        ) : null}
      </fieldset>
      {dialog}
    </section>
  );
}
