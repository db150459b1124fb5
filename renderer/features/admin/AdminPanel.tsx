// Administration, shown to admins only and folded until opened: users and roles, the rights
// matrix, tags, station settings and the audit log. All load when opened, so a dispatcher's
// desk never asks for them. A change in one section refreshes those that show it (a new user
// gets a row in the matrix; every change gets a line in the audit log).
import { useState } from 'react';
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { AuditLog } from './AuditLog.js';
import { LoginLocks } from './LoginLocks.js';
import { RightsMatrix } from './RightsMatrix.js';
import { SendLimitsAdmin } from './SendLimitsAdmin.js';
import { SettingsAdmin } from './SettingsAdmin.js';
import { TagsAdmin } from './TagsAdmin.js';
import { UsersAdmin } from './UsersAdmin.js';
import { adminTestIds as ids } from './testids.js';
import './admin.css';

export function AdminPanel(props: { initiallyOpen?: boolean }) {
  const t = useT();
  const role = useAppStore((s) => s.session.user?.role);
  const [open, setOpen] = useState(props.initiallyOpen ?? false);
  // Bumped by a change of users or tags (the matrix's rows and columns) and by any change (the log).
  const [shape, setShape] = useState(0);
  const [changes, setChanges] = useState(0);
  if (role !== 'admin') return null;
  const changed = () => setChanges((n) => n + 1);
  const reshaped = () => {
    setShape((n) => n + 1);
    changed();
  };
  return (
    <details className="panel admin-panel" data-testid={ids.panel} open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>
        <h2>{t('admin.heading')}</h2>
      </summary>
      {open ? (
        <div className="admin-body" data-testid={ids.body}>
          <UsersAdmin onUsersChanged={reshaped} refresh={changes} />
          <section className="admin-section" aria-labelledby="admin-rights-h">
            <h3 id="admin-rights-h">{t('admin.rights')}</h3>
            <RightsMatrix key={shape} onChanged={changed} />
          </section>
          <TagsAdmin onTagsChanged={reshaped} onChanged={changed} />
          <SettingsAdmin onChanged={changed} />
          <LoginLocks onChanged={changed} />
          <SendLimitsAdmin onChanged={changed} />
          <section className="admin-section" aria-labelledby="admin-audit-h">
            <h3 id="admin-audit-h">{t('admin.audit')}</h3>
            <AuditLog refresh={changes} />
          </section>
        </div>
      ) : null}
    </details>
  );
}
