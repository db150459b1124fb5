// Integrations administration (issue 6 items 1 and 5): API keys and webhooks. Shown to admins
// only and folded until opened, like the administration panel beside it; nothing is asked of the
// station until it is opened, so a dispatcher's desk never loads it.
import { useState } from 'react';
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { ApiKeys } from './ApiKeys.js';
import { Webhooks } from './Webhooks.js';
import { MailAddresses } from './MailAddresses.js';
import { MailDoors } from './MailDoors.js';
import { integrationsTestIds as ids } from './testids.js';
import './integrations.css';

export function IntegrationsPanel(props: { initiallyOpen?: boolean }) {
  const t = useT();
  const role = useAppStore((s) => s.session.user?.role);
  const [open, setOpen] = useState(props.initiallyOpen ?? false);
  if (role !== 'admin') return null;
  return (
    <details
      className="panel integrations-panel"
      data-testid={ids.panel}
      open={open}
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary>
        <h2>{t('integrations.heading')}</h2>
      </summary>
      {open ? (
        <div className="integrations-body">
          <ApiKeys />
          <MailDoors />
          <MailAddresses />
          <Webhooks />
        </div>
      ) : null}
    </details>
  );
}
