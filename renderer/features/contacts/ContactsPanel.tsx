// People, groups and their spreadsheets in the dock (issue 7 item 4, issue 16 item 1).
import { useT } from '../../app/i18n/index.js';
import { RecordsPanel } from '../history/RecordsPanel.js';
import { DirectoryScreen } from '../directory/DirectoryScreen.js';
import { contactsTestIds as ids } from './testids.js';
import './contacts.css';

export function ContactsPanel() {
  const t = useT();
  return (
    <RecordsPanel tab="contacts" heading={t('contacts.heading')} testId={ids.panel}>
      {() => <DirectoryScreen />}
    </RecordsPanel>
  );
}
