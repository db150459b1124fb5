// Contact import and export in the dock (issue 7 item 4).
import { useT } from '../../app/i18n/index.js';
import { RecordsPanel } from '../history/RecordsPanel.js';
import { ContactsScreen } from './ContactsScreen.js';
import { contactsTestIds as ids } from './testids.js';
import './contacts.css';

export function ContactsPanel() {
  const t = useT();
  return (
    <RecordsPanel tab="contacts" heading={t('contacts.heading')} testId={ids.panel}>
      {() => <ContactsScreen />}
    </RecordsPanel>
  );
}
