// People on duty as a short line: names, with the one they stand in for and why.
import type { DutyPerson } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';

export function DutyPeople(props: { people: readonly DutyPerson[] }) {
  const t = useT();
  if (props.people.length === 0) return <span className="muted">{t('plans.duty.nobody')}</span>;
  return (
    <span className="duty-people">
      {props.people.map((p, i) => (
        <span key={`${p.contactId ?? p.phone}`}>
          {i > 0 ? ', ' : ''}
          {p.name ?? p.phone}
          {p.replaces ? <span className="muted"> {t(`plans.duty.for.${p.reason ?? 'swap'}`, { name: p.replaces.name ?? p.replaces.phone })}</span> : null}
        </span>
      ))}
    </span>
  );
}
