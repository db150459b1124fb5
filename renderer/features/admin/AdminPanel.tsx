// Administration, shown to admins only and folded until opened: the rights matrix and the
// audit log. Both load when opened, so a dispatcher's desk never asks for them.
import { useState } from 'react';
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { AuditLog } from './AuditLog.js';
import { RightsMatrix } from './RightsMatrix.js';
import { adminTestIds as ids } from './testids.js';
import './admin.css';

export function AdminPanel() {
  const t = useT();
  const role = useAppStore((s) => s.session.user?.role);
  const [open, setOpen] = useState(false);
  if (role !== 'admin') return null;
  return (
    <details className="panel admin-panel" data-testid={ids.panel} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>
        <h2>{t('admin.heading')}</h2>
      </summary>
      {open ? (
        <div className="admin-body">
          <h3>{t('admin.rights')}</h3>
          <RightsMatrix />
          <h3>{t('admin.audit')}</h3>
          <AuditLog />
        </div>
      ) : null}
    </details>
  );
}
