// People and groups on screen (issue 16 item 1), in the dock's "contacts" sheet: the group tree on
// the left, the people of the group picked in the middle, one person's card on the right. An admin
// edits; everyone else reads. Import and export of spreadsheets are the second tab.
import { useState } from 'react';
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { useConfirm } from '../../ui/ConfirmDialog.js';
import { ContactsScreen } from '../contacts/ContactsScreen.js';
import { ContactEditor } from './ContactEditor.js';
import { GroupEditor, type DirectoryView } from './GroupEditor.js';
import { PeopleList } from './PeopleList.js';
import { directoryTestIds as ids } from './testids.js';
import './directory.css';

export function DirectoryScreen() {
  const t = useT();
  const canEdit = useAppStore((s) => s.session.user?.role === 'admin');
  const [tab, setTab] = useState<'people' | 'import'>('people');
  const [view, setView] = useState<DirectoryView>('all');
  const [open, setOpen] = useState<number | 'new' | null>(null);
  const { ask, dialog, result } = useConfirm(ids.confirm);

  return (
    <div className="directory" data-testid={ids.screen}>
      <div className="directory-tabs" role="tablist" aria-label={t('contacts.heading')}>
        <button type="button" role="tab" aria-selected={tab === 'people'} className="stream-tab" onClick={() => setTab('people')} data-testid={ids.tabPeople}>
          {t('directory.tab.people')}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'import'} className="stream-tab" onClick={() => setTab('import')} data-testid={ids.tabImport}>
          {t('directory.tab.import')}
        </button>
        {!canEdit ? <span className="muted directory-readonly">{t('directory.readOnly')}</span> : null}
        {result ? (
          <span className={`directory-outcome ${result.ok ? 'ok' : 'form-error'}`} role={result.ok ? 'status' : 'alert'} data-testid={ids.bulkResult}>
            {result.text}
          </span>
        ) : null}
      </div>
      {tab === 'import' ? (
        <ContactsScreen />
      ) : (
        <div className={`directory-body ${open !== null ? 'with-card' : ''}`}>
          <GroupEditor
            view={view}
            onView={(v) => {
              setView(v);
              if (open === 'new') setOpen(null);
            }}
            canEdit={canEdit}
            ask={ask}
          />
          <PeopleList view={view} openId={open} onOpen={setOpen} canEdit={canEdit} ask={ask} />
          {open !== null ? (
            <ContactEditor
              id={open}
              newInGroup={typeof view === 'number' ? view : null}
              canEdit={canEdit}
              ask={ask}
              onCreated={(id) => setOpen(id)}
              onClose={() => setOpen(null)}
            />
          ) : null}
        </div>
      )}
      {dialog}
    </div>
  );
}
